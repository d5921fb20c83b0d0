/* SPDX-License-Identifier: MIT */
/*
 * A test fixture for SmmuGen's C header reader, written for this repository. It has the shape
 * of include/uapi/linux/iommufd.h as of Linux 6.17 (the same structs, members, types, enums and
 * ioctl numbers, so its layout can be checked against the gcc oracle), but none of its text:
 * every comment here is our own.
 */
#ifndef SMMUGEN_TEST_IOMMUFD_SHAPE_H
#define SMMUGEN_TEST_IOMMUFD_SHAPE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define IOMMUFD_TYPE (';')

/* Command numbers, counted up from the base in the order the commands arrived. */
enum {
	IOMMUFD_CMD_BASE = 0x80,
	IOMMUFD_CMD_DESTROY = IOMMUFD_CMD_BASE,
	IOMMUFD_CMD_IOAS_ALLOC,
	IOMMUFD_CMD_IOAS_ALLOW_IOVAS,
	IOMMUFD_CMD_IOAS_COPY,
	IOMMUFD_CMD_IOAS_IOVA_RANGES,
	IOMMUFD_CMD_IOAS_MAP,
	IOMMUFD_CMD_IOAS_UNMAP,
	IOMMUFD_CMD_OPTION,
	IOMMUFD_CMD_VFIO_IOAS,
	IOMMUFD_CMD_HWPT_ALLOC,
	IOMMUFD_CMD_GET_HW_INFO,
	IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING,
	IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP,
	IOMMUFD_CMD_HWPT_INVALIDATE,
	IOMMUFD_CMD_FAULT_QUEUE_ALLOC,
	IOMMUFD_CMD_IOAS_MAP_FILE,
	IOMMUFD_CMD_VIOMMU_ALLOC,
	IOMMUFD_CMD_VDEVICE_ALLOC,
	IOMMUFD_CMD_IOAS_CHANGE_PROCESS,
	IOMMUFD_CMD_VEVENTQ_ALLOC,
	IOMMUFD_CMD_HW_QUEUE_ALLOC,
};

/**
 * struct iommu_destroy - ioctl(IOMMU_DESTROY)
 * @size: bytes of this struct the caller filled in
 * @id: the object to free
 *
 * Frees one object of the context, whatever its kind.
 */
struct iommu_destroy {
	__u32 size;
	__u32 id;
};
#define IOMMU_DESTROY _IO(IOMMUFD_TYPE, IOMMUFD_CMD_DESTROY)

/**
 * struct iommu_ioas_alloc - ioctl(IOMMU_IOAS_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: none defined; zero
 * @out_ioas_id: the new address space
 */
struct iommu_ioas_alloc {
	__u32 size;
	__u32 flags;
	__u32 out_ioas_id;
};
#define IOMMU_IOAS_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_ALLOC)

/**
 * struct iommu_iova_range - one inclusive IOVA range
 * @start: first address
 * @last: last address, inclusive
 */
struct iommu_iova_range {
	__aligned_u64 start;
	__aligned_u64 last;
};

/**
 * struct iommu_ioas_iova_ranges - ioctl(IOMMU_IOAS_IOVA_RANGES)
 * @size: bytes of this struct the caller filled in
 * @ioas_id: the address space asked about
 * @num_iovas: array capacity in, range count out
 * @__reserved: zero
 * @allowed_iovas: where the ranges go
 * @out_iova_alignment: alignment every mapping needs
 */
struct iommu_ioas_iova_ranges {
	__u32 size;
	__u32 ioas_id;
	__u32 num_iovas;
	__u32 __reserved;
	__aligned_u64 allowed_iovas;
	__aligned_u64 out_iova_alignment;
};
#define IOMMU_IOAS_IOVA_RANGES _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_IOVA_RANGES)

/**
 * struct iommu_ioas_allow_iovas - ioctl(IOMMU_IOAS_ALLOW_IOVAS)
 * @size: bytes of this struct the caller filled in
 * @ioas_id: the address space to change
 * @num_iovas: ranges in the array
 * @__reserved: zero
 * @allowed_iovas: the ranges that must stay usable
 */
struct iommu_ioas_allow_iovas {
	__u32 size;
	__u32 ioas_id;
	__u32 num_iovas;
	__u32 __reserved;
	__aligned_u64 allowed_iovas;
};
#define IOMMU_IOAS_ALLOW_IOVAS _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_ALLOW_IOVAS)

/**
 * enum iommufd_ioas_map_flags - how a mapping is placed and protected
 * @IOMMU_IOAS_MAP_FIXED_IOVA: the caller picks the IOVA
 * @IOMMU_IOAS_MAP_WRITEABLE: devices may write
 * @IOMMU_IOAS_MAP_READABLE: devices may read
 */
enum iommufd_ioas_map_flags {
	IOMMU_IOAS_MAP_FIXED_IOVA = 1 << 0,
	IOMMU_IOAS_MAP_WRITEABLE = 1 << 1,
	IOMMU_IOAS_MAP_READABLE = 1 << 2,
};

/**
 * struct iommu_ioas_map - ioctl(IOMMU_IOAS_MAP)
 * @size: bytes of this struct the caller filled in
 * @flags: a mix of enum iommufd_ioas_map_flags
 * @ioas_id: the address space to map into
 * @__reserved: zero
 * @user_va: start of the memory to map
 * @length: bytes to map
 * @iova: the IOVA, given or chosen
 */
struct iommu_ioas_map {
	__u32 size;
	__u32 flags;
	__u32 ioas_id;
	__u32 __reserved;
	__aligned_u64 user_va;
	__aligned_u64 length;
	__aligned_u64 iova;
};
#define IOMMU_IOAS_MAP _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_MAP)

/**
 * struct iommu_ioas_map_file - ioctl(IOMMU_IOAS_MAP_FILE)
 * @size: bytes of this struct the caller filled in
 * @flags: as for a plain map
 * @ioas_id: the address space to map into
 * @fd: the memfd
 * @start: offset into the file
 * @length: bytes to map
 * @iova: the IOVA, given or chosen
 */
struct iommu_ioas_map_file {
	__u32 size;
	__u32 flags;
	__u32 ioas_id;
	__s32 fd;
	__aligned_u64 start;
	__aligned_u64 length;
	__aligned_u64 iova;
};
#define IOMMU_IOAS_MAP_FILE _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_MAP_FILE)

/**
 * struct iommu_ioas_copy - ioctl(IOMMU_IOAS_COPY)
 * @size: bytes of this struct the caller filled in
 * @flags: placement and protection of the copy
 * @dst_ioas_id: where the copy goes
 * @src_ioas_id: where the mapping is now
 * @length: bytes to copy
 * @dst_iova: destination IOVA, given or chosen
 * @src_iova: start of the existing mapping
 */
struct iommu_ioas_copy {
	__u32 size;
	__u32 flags;
	__u32 dst_ioas_id;
	__u32 src_ioas_id;
	__aligned_u64 length;
	__aligned_u64 dst_iova;
	__aligned_u64 src_iova;
};
#define IOMMU_IOAS_COPY _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_COPY)

/**
 * struct iommu_ioas_unmap - ioctl(IOMMU_IOAS_UNMAP)
 * @size: bytes of this struct the caller filled in
 * @ioas_id: the address space to change
 * @iova: first IOVA to unmap
 * @length: bytes to unmap in, bytes unmapped out
 */
struct iommu_ioas_unmap {
	__u32 size;
	__u32 ioas_id;
	__aligned_u64 iova;
	__aligned_u64 length;
};
#define IOMMU_IOAS_UNMAP _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_UNMAP)

/**
 * enum iommufd_option - what IOMMU_OPTION reads or sets
 * @IOMMU_OPTION_RLIMIT_MODE: how pinned pages are charged
 * @IOMMU_OPTION_HUGE_PAGES: whether large IOMMU pages are used
 */
enum iommufd_option {
	IOMMU_OPTION_RLIMIT_MODE = 0,
	IOMMU_OPTION_HUGE_PAGES = 1,
};

/**
 * enum iommufd_option_ops - set or get
 * @IOMMU_OPTION_OP_SET: write the option
 * @IOMMU_OPTION_OP_GET: read the option
 */
enum iommufd_option_ops {
	IOMMU_OPTION_OP_SET = 0,
	IOMMU_OPTION_OP_GET = 1,
};

/**
 * struct iommu_option - ioctl(IOMMU_OPTION)
 * @size: bytes of this struct the caller filled in
 * @option_id: one of enum iommufd_option
 * @op: one of enum iommufd_option_ops
 * @__reserved: zero
 * @object_id: owner of the option, or 0
 * @val64: the value
 */
struct iommu_option {
	__u32 size;
	__u32 option_id;
	__u16 op;
	__u16 __reserved;
	__u32 object_id;
	__aligned_u64 val64;
};
#define IOMMU_OPTION _IO(IOMMUFD_TYPE, IOMMUFD_CMD_OPTION)

/**
 * enum iommufd_vfio_ioas_op - the operations of IOMMU_VFIO_IOAS
 * @IOMMU_VFIO_IOAS_GET: report the compatibility address space
 * @IOMMU_VFIO_IOAS_SET: choose it
 * @IOMMU_VFIO_IOAS_CLEAR: drop it
 */
enum iommufd_vfio_ioas_op {
	IOMMU_VFIO_IOAS_GET,
	IOMMU_VFIO_IOAS_SET,
	IOMMU_VFIO_IOAS_CLEAR,
};

/**
 * struct iommu_vfio_ioas - ioctl(IOMMU_VFIO_IOAS)
 * @size: bytes of this struct the caller filled in
 * @ioas_id: the address space, in or out
 * @op: one of enum iommufd_vfio_ioas_op
 * @__reserved: zero
 */
struct iommu_vfio_ioas {
	__u32 size;
	__u32 ioas_id;
	__u16 op;
	__u16 __reserved;
};
#define IOMMU_VFIO_IOAS _IO(IOMMUFD_TYPE, IOMMUFD_CMD_VFIO_IOAS)

/**
 * enum iommufd_hwpt_alloc_flags - options of a page-table allocation
 * @IOMMU_HWPT_ALLOC_NEST_PARENT: usable as a nesting parent
 * @IOMMU_HWPT_ALLOC_DIRTY_TRACKING: only for dirty-tracking IOMMUs
 * @IOMMU_HWPT_FAULT_ID_VALID: fault_id is meaningful
 * @IOMMU_HWPT_ALLOC_PASID: may be attached to PASIDs
 */
enum iommufd_hwpt_alloc_flags {
	IOMMU_HWPT_ALLOC_NEST_PARENT = 1 << 0,
	IOMMU_HWPT_ALLOC_DIRTY_TRACKING = 1 << 1,
	IOMMU_HWPT_FAULT_ID_VALID = 1 << 2,
	IOMMU_HWPT_ALLOC_PASID = 1 << 3,
};

/**
 * enum iommu_hwpt_vtd_s1_flags - VT-d stage-1 attributes
 * @IOMMU_VTD_S1_SRE: supervisor requests
 * @IOMMU_VTD_S1_EAFE: extended accessed flag
 * @IOMMU_VTD_S1_WPE: write protect
 */
enum iommu_hwpt_vtd_s1_flags {
	IOMMU_VTD_S1_SRE = 1 << 0,
	IOMMU_VTD_S1_EAFE = 1 << 1,
	IOMMU_VTD_S1_WPE = 1 << 2,
};

/**
 * struct iommu_hwpt_vtd_s1 - VT-d stage-1 driver data
 * @flags: a mix of enum iommu_hwpt_vtd_s1_flags
 * @pgtbl_addr: table base
 * @addr_width: input address width
 * @__reserved: zero
 */
struct iommu_hwpt_vtd_s1 {
	__aligned_u64 flags;
	__aligned_u64 pgtbl_addr;
	__u32 addr_width;
	__u32 __reserved;
};

/**
 * struct iommu_hwpt_arm_smmuv3 - SMMUv3 nested driver data
 * @ste: the first two words of a guest STE
 */
struct iommu_hwpt_arm_smmuv3 {
	__aligned_le64 ste[2];
};

/**
 * enum iommu_hwpt_data_type - formats of page-table driver data
 * @IOMMU_HWPT_DATA_NONE: none
 * @IOMMU_HWPT_DATA_VTD_S1: struct iommu_hwpt_vtd_s1
 * @IOMMU_HWPT_DATA_ARM_SMMUV3: struct iommu_hwpt_arm_smmuv3
 */
enum iommu_hwpt_data_type {
	IOMMU_HWPT_DATA_NONE = 0,
	IOMMU_HWPT_DATA_VTD_S1 = 1,
	IOMMU_HWPT_DATA_ARM_SMMUV3 = 2,
};

/**
 * struct iommu_hwpt_alloc - ioctl(IOMMU_HWPT_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: a mix of enum iommufd_hwpt_alloc_flags
 * @dev_id: the device
 * @pt_id: what the table builds on
 * @out_hwpt_id: the new page table
 * @__reserved: zero
 * @data_type: one of enum iommu_hwpt_data_type
 * @data_len: bytes of driver data
 * @data_uptr: the driver data
 * @fault_id: the fault queue, with FAULT_ID_VALID
 * @__reserved2: zero
 */
struct iommu_hwpt_alloc {
	__u32 size;
	__u32 flags;
	__u32 dev_id;
	__u32 pt_id;
	__u32 out_hwpt_id;
	__u32 __reserved;
	__u32 data_type;
	__u32 data_len;
	__aligned_u64 data_uptr;
	__u32 fault_id;
	__u32 __reserved2;
};
#define IOMMU_HWPT_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_HWPT_ALLOC)

/**
 * enum iommu_hw_info_vtd_flags - VT-d properties
 * @IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17: an erratum applies
 */
enum iommu_hw_info_vtd_flags {
	IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17 = 1 << 0,
};

/**
 * struct iommu_hw_info_vtd - VT-d hardware information
 * @flags: a mix of enum iommu_hw_info_vtd_flags
 * @__reserved: zero
 * @cap_reg: capability register
 * @ecap_reg: extended capability register
 */
struct iommu_hw_info_vtd {
	__u32 flags;
	__u32 __reserved;
	__aligned_u64 cap_reg;
	__aligned_u64 ecap_reg;
};

/**
 * struct iommu_hw_info_arm_smmuv3 - SMMUv3 hardware information
 * @flags: none defined
 * @__reserved: zero
 * @idr: IDR0 to IDR5
 * @iidr: IIDR
 * @aidr: AIDR
 */
struct iommu_hw_info_arm_smmuv3 {
	__u32 flags;
	__u32 __reserved;
	__u32 idr[6];
	__u32 iidr;
	__u32 aidr;
};

/**
 * struct iommu_hw_info_tegra241_cmdqv - CMDQV hardware information
 * @flags: none defined
 * @version: the CMDQV version
 * @log2vcmdqs: log2 of the VCMDQ count
 * @log2vsids: log2 of the SID slot count
 * @__reserved: zero
 */
struct iommu_hw_info_tegra241_cmdqv {
	__u32 flags;
	__u8 version;
	__u8 log2vcmdqs;
	__u8 log2vsids;
	__u8 __reserved;
};

/**
 * enum iommu_hw_info_type - formats of hardware information
 * @IOMMU_HW_INFO_TYPE_NONE: none, on output
 * @IOMMU_HW_INFO_TYPE_DEFAULT: the default, on input
 * @IOMMU_HW_INFO_TYPE_INTEL_VTD: struct iommu_hw_info_vtd
 * @IOMMU_HW_INFO_TYPE_ARM_SMMUV3: struct iommu_hw_info_arm_smmuv3
 * @IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV: struct iommu_hw_info_tegra241_cmdqv
 */
enum iommu_hw_info_type {
	IOMMU_HW_INFO_TYPE_NONE = 0,
	IOMMU_HW_INFO_TYPE_DEFAULT = 0,
	IOMMU_HW_INFO_TYPE_INTEL_VTD = 1,
	IOMMU_HW_INFO_TYPE_ARM_SMMUV3 = 2,
	IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV = 3,
};

/**
 * enum iommufd_hw_capabilities - generic IOMMU capabilities
 * @IOMMU_HW_CAP_DIRTY_TRACKING: dirty tracking works
 * @IOMMU_HW_CAP_PCI_PASID_EXEC: PASID execute permission
 * @IOMMU_HW_CAP_PCI_PASID_PRIV: PASID privileged mode
 */
enum iommufd_hw_capabilities {
	IOMMU_HW_CAP_DIRTY_TRACKING = 1 << 0,
	IOMMU_HW_CAP_PCI_PASID_EXEC = 1 << 1,
	IOMMU_HW_CAP_PCI_PASID_PRIV = 1 << 2,
};

/**
 * enum iommufd_hw_info_flags - options of IOMMU_GET_HW_INFO
 * @IOMMU_HW_INFO_FLAG_INPUT_TYPE: in_data_type is an input
 */
enum iommufd_hw_info_flags {
	IOMMU_HW_INFO_FLAG_INPUT_TYPE = 1 << 0,
};

/**
 * struct iommu_hw_info - ioctl(IOMMU_GET_HW_INFO)
 * @size: bytes of this struct the caller filled in
 * @flags: a mix of enum iommufd_hw_info_flags
 * @dev_id: the device
 * @data_len: buffer bytes in, information bytes out
 * @data_uptr: the buffer
 * @in_data_type: the type wanted, with the input-type flag
 * @out_data_type: the type written
 * @out_max_pasid_log2: PASID width
 * @__reserved: zero
 * @out_capabilities: a mix of enum iommufd_hw_capabilities
 */
struct iommu_hw_info {
	__u32 size;
	__u32 flags;
	__u32 dev_id;
	__u32 data_len;
	__aligned_u64 data_uptr;
	union {
		__u32 in_data_type;
		__u32 out_data_type;
	};
	__u8 out_max_pasid_log2;
	__u8 __reserved[3];
	__aligned_u64 out_capabilities;
};
#define IOMMU_GET_HW_INFO _IO(IOMMUFD_TYPE, IOMMUFD_CMD_GET_HW_INFO)

/*
 * Dirty tracking.
 */

/**
 * enum iommufd_hwpt_set_dirty_tracking_flags - dirty tracking switch
 * @IOMMU_HWPT_DIRTY_TRACKING_ENABLE: on
 */
enum iommufd_hwpt_set_dirty_tracking_flags {
	IOMMU_HWPT_DIRTY_TRACKING_ENABLE = 1,
};

/**
 * struct iommu_hwpt_set_dirty_tracking - ioctl(IOMMU_HWPT_SET_DIRTY_TRACKING)
 * @size: bytes of this struct the caller filled in
 * @flags: enable, or 0
 * @hwpt_id: the page table
 * @__reserved: zero
 */
struct iommu_hwpt_set_dirty_tracking {
	__u32 size;
	__u32 flags;
	__u32 hwpt_id;
	__u32 __reserved;
};
#define IOMMU_HWPT_SET_DIRTY_TRACKING _IO(IOMMUFD_TYPE, \
					  IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING)

/**
 * enum iommufd_hwpt_get_dirty_bitmap_flags - bitmap read options
 * @IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR: leave dirty state set
 */
enum iommufd_hwpt_get_dirty_bitmap_flags {
	IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR = 1,
};

/**
 * struct iommu_hwpt_get_dirty_bitmap - ioctl(IOMMU_HWPT_GET_DIRTY_BITMAP)
 * @size: bytes of this struct the caller filled in
 * @hwpt_id: the page table
 * @flags: a mix of enum iommufd_hwpt_get_dirty_bitmap_flags
 * @__reserved: zero
 * @iova: where the bitmap starts
 * @length: bytes of IOVA covered
 * @page_size: bytes per bit
 * @data: the bitmap
 */
struct iommu_hwpt_get_dirty_bitmap {
	__u32 size;
	__u32 hwpt_id;
	__u32 flags;
	__u32 __reserved;
	__aligned_u64 iova;
	__aligned_u64 length;
	__aligned_u64 page_size;
	__aligned_u64 data;
};
#define IOMMU_HWPT_GET_DIRTY_BITMAP _IO(IOMMUFD_TYPE, \
					IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP)

/**
 * enum iommu_hwpt_invalidate_data_type - invalidation entry formats
 * @IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: struct iommu_hwpt_vtd_s1_invalidate
 * @IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3: struct iommu_viommu_arm_smmuv3_invalidate
 */
enum iommu_hwpt_invalidate_data_type {
	IOMMU_HWPT_INVALIDATE_DATA_VTD_S1 = 0,
	IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3 = 1,
};

/**
 * enum iommu_hwpt_vtd_s1_invalidate_flags - VT-d invalidation options
 * @IOMMU_VTD_INV_FLAGS_LEAF: leaf entries only
 */
enum iommu_hwpt_vtd_s1_invalidate_flags {
	IOMMU_VTD_INV_FLAGS_LEAF = 1 << 0,
};

/**
 * struct iommu_hwpt_vtd_s1_invalidate - one VT-d invalidation
 * @addr: first address
 * @npages: pages
 * @flags: a mix of enum iommu_hwpt_vtd_s1_invalidate_flags
 * @__reserved: zero
 */
struct iommu_hwpt_vtd_s1_invalidate {
	__aligned_u64 addr;
	__aligned_u64 npages;
	__u32 flags;
	__u32 __reserved;
};

/**
 * struct iommu_viommu_arm_smmuv3_invalidate - one SMMUv3 command
 * @cmd: the command
 */
struct iommu_viommu_arm_smmuv3_invalidate {
	__aligned_le64 cmd[2];
};

/**
 * struct iommu_hwpt_invalidate - ioctl(IOMMU_HWPT_INVALIDATE)
 * @size: bytes of this struct the caller filled in
 * @hwpt_id: a nested table or a vIOMMU
 * @data_uptr: the entries
 * @data_type: one of enum iommu_hwpt_invalidate_data_type
 * @entry_len: bytes per entry
 * @entry_num: entries in, entries handled out
 * @__reserved: zero
 */
struct iommu_hwpt_invalidate {
	__u32 size;
	__u32 hwpt_id;
	__aligned_u64 data_uptr;
	__u32 data_type;
	__u32 entry_len;
	__u32 entry_num;
	__u32 __reserved;
};
#define IOMMU_HWPT_INVALIDATE _IO(IOMMUFD_TYPE, IOMMUFD_CMD_HWPT_INVALIDATE)

/**
 * enum iommu_hwpt_pgfault_flags - fault record flags
 * @IOMMU_PGFAULT_FLAGS_PASID_VALID: pasid is meaningful
 * @IOMMU_PGFAULT_FLAGS_LAST_PAGE: last record of its group
 */
enum iommu_hwpt_pgfault_flags {
	IOMMU_PGFAULT_FLAGS_PASID_VALID = (1 << 0),
	IOMMU_PGFAULT_FLAGS_LAST_PAGE = (1 << 1),
};

/**
 * enum iommu_hwpt_pgfault_perm - permissions a fault asked for
 * @IOMMU_PGFAULT_PERM_READ: read
 * @IOMMU_PGFAULT_PERM_WRITE: write
 * @IOMMU_PGFAULT_PERM_EXEC: execute
 * @IOMMU_PGFAULT_PERM_PRIV: privileged
 */
enum iommu_hwpt_pgfault_perm {
	IOMMU_PGFAULT_PERM_READ = (1 << 0),
	IOMMU_PGFAULT_PERM_WRITE = (1 << 1),
	IOMMU_PGFAULT_PERM_EXEC = (1 << 2),
	IOMMU_PGFAULT_PERM_PRIV = (1 << 3),
};

/**
 * struct iommu_hwpt_pgfault - one fault record
 * @flags: a mix of enum iommu_hwpt_pgfault_flags
 * @dev_id: the faulting device
 * @pasid: its PASID
 * @grpid: its page request group
 * @perm: a mix of enum iommu_hwpt_pgfault_perm
 * @__reserved: zero
 * @addr: the faulting address
 * @length: a size hint
 * @cookie: echo this in the response
 */
struct iommu_hwpt_pgfault {
	__u32 flags;
	__u32 dev_id;
	__u32 pasid;
	__u32 grpid;
	__u32 perm;
	__u32 __reserved;
	__aligned_u64 addr;
	__u32 length;
	__u32 cookie;
};

/**
 * enum iommufd_page_response_code - answers to a fault group
 * @IOMMUFD_PAGE_RESP_SUCCESS: resolved
 * @IOMMUFD_PAGE_RESP_INVALID: cannot be resolved
 */
enum iommufd_page_response_code {
	IOMMUFD_PAGE_RESP_SUCCESS = 0,
	IOMMUFD_PAGE_RESP_INVALID = 1,
};

/**
 * struct iommu_hwpt_page_response - the answer to a fault group
 * @cookie: from the last record
 * @code: one of enum iommufd_page_response_code
 */
struct iommu_hwpt_page_response {
	__u32 cookie;
	__u32 code;
};

/**
 * struct iommu_fault_alloc - ioctl(IOMMU_FAULT_QUEUE_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: none defined
 * @out_fault_id: the new fault queue
 * @out_fault_fd: its file descriptor
 */
struct iommu_fault_alloc {
	__u32 size;
	__u32 flags;
	__u32 out_fault_id;
	__u32 out_fault_fd;
};
#define IOMMU_FAULT_QUEUE_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_FAULT_QUEUE_ALLOC)

/**
 * enum iommu_viommu_type - kinds of virtual IOMMU
 * @IOMMU_VIOMMU_TYPE_DEFAULT: reserved
 * @IOMMU_VIOMMU_TYPE_ARM_SMMUV3: SMMUv3
 * @IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV: SMMUv3 with CMDQV
 */
enum iommu_viommu_type {
	IOMMU_VIOMMU_TYPE_DEFAULT = 0,
	IOMMU_VIOMMU_TYPE_ARM_SMMUV3 = 1,
	IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV = 2,
};

/**
 * struct iommu_viommu_tegra241_cmdqv - CMDQV vIOMMU driver data
 * @out_vintf_mmap_offset: where to mmap the VINTF page
 * @out_vintf_mmap_length: how much
 */
struct iommu_viommu_tegra241_cmdqv {
	__aligned_u64 out_vintf_mmap_offset;
	__aligned_u64 out_vintf_mmap_length;
};

/**
 * struct iommu_viommu_alloc - ioctl(IOMMU_VIOMMU_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: none defined
 * @type: one of enum iommu_viommu_type
 * @dev_id: a device behind the physical IOMMU
 * @hwpt_id: the nesting parent
 * @out_viommu_id: the new vIOMMU
 * @data_len: bytes of driver data
 * @__reserved: zero
 * @data_uptr: the driver data
 */
struct iommu_viommu_alloc {
	__u32 size;
	__u32 flags;
	__u32 type;
	__u32 dev_id;
	__u32 hwpt_id;
	__u32 out_viommu_id;
	__u32 data_len;
	__u32 __reserved;
	__aligned_u64 data_uptr;
};
#define IOMMU_VIOMMU_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_VIOMMU_ALLOC)

/**
 * struct iommu_vdevice_alloc - ioctl(IOMMU_VDEVICE_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @viommu_id: the vIOMMU
 * @dev_id: the device
 * @out_vdevice_id: the new vDEVICE
 * @virt_id: the guest's ID for the device
 */
struct iommu_vdevice_alloc {
	__u32 size;
	__u32 viommu_id;
	__u32 dev_id;
	__u32 out_vdevice_id;
	__aligned_u64 virt_id;
};
#define IOMMU_VDEVICE_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_VDEVICE_ALLOC)

/**
 * struct iommu_ioas_change_process - ioctl(IOMMU_IOAS_CHANGE_PROCESS)
 * @size: bytes of this struct the caller filled in
 * @__reserved: zero
 */
struct iommu_ioas_change_process {
	__u32 size;
	__u32 __reserved;
};
#define IOMMU_IOAS_CHANGE_PROCESS \
	_IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_CHANGE_PROCESS)

/**
 * enum iommu_veventq_flag - event header flags
 * @IOMMU_VEVENTQ_FLAG_LOST_EVENTS: events were dropped
 */
enum iommu_veventq_flag {
	IOMMU_VEVENTQ_FLAG_LOST_EVENTS = (1U << 0),
};

/**
 * struct iommufd_vevent_header - before every virtual event
 * @flags: a mix of enum iommu_veventq_flag
 * @sequence: the event's index
 */
struct iommufd_vevent_header {
	__u32 flags;
	__u32 sequence;
};

/**
 * enum iommu_veventq_type - kinds of virtual event queue
 * @IOMMU_VEVENTQ_TYPE_DEFAULT: reserved
 * @IOMMU_VEVENTQ_TYPE_ARM_SMMUV3: SMMUv3 events
 * @IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV: CMDQV errors
 */
enum iommu_veventq_type {
	IOMMU_VEVENTQ_TYPE_DEFAULT = 0,
	IOMMU_VEVENTQ_TYPE_ARM_SMMUV3 = 1,
	IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV = 2,
};

/**
 * struct iommu_vevent_arm_smmuv3 - an SMMUv3 virtual event
 * @evt: the event record
 */
struct iommu_vevent_arm_smmuv3 {
	__aligned_le64 evt[4];
};

/**
 * struct iommu_vevent_tegra241_cmdqv - a CMDQV virtual event
 * @lvcmdq_err_map: the error map
 */
struct iommu_vevent_tegra241_cmdqv {
	__aligned_le64 lvcmdq_err_map[2];
};

/**
 * struct iommu_veventq_alloc - ioctl(IOMMU_VEVENTQ_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: none defined
 * @viommu_id: the vIOMMU
 * @type: one of enum iommu_veventq_type
 * @veventq_depth: queue capacity
 * @out_veventq_id: the new queue
 * @out_veventq_fd: its file descriptor
 * @__reserved: zero
 */
struct iommu_veventq_alloc {
	__u32 size;
	__u32 flags;
	__u32 viommu_id;
	__u32 type;
	__u32 veventq_depth;
	__u32 out_veventq_id;
	__u32 out_veventq_fd;
	__u32 __reserved;
};
#define IOMMU_VEVENTQ_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_VEVENTQ_ALLOC)

/**
 * enum iommu_hw_queue_type - kinds of hardware queue
 * @IOMMU_HW_QUEUE_TYPE_DEFAULT: reserved
 * @IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV: a CMDQV virtual command queue
 */
enum iommu_hw_queue_type {
	IOMMU_HW_QUEUE_TYPE_DEFAULT = 0,
	IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV = 1,
};

/**
 * struct iommu_hw_queue_alloc - ioctl(IOMMU_HW_QUEUE_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: none defined
 * @viommu_id: the vIOMMU
 * @type: one of enum iommu_hw_queue_type
 * @index: which queue
 * @out_hw_queue_id: the new queue
 * @nesting_parent_iova: its guest address
 * @length: its bytes
 */
struct iommu_hw_queue_alloc {
	__u32 size;
	__u32 flags;
	__u32 viommu_id;
	__u32 type;
	__u32 index;
	__u32 out_hw_queue_id;
	__aligned_u64 nesting_parent_iova;
	__aligned_u64 length;
};
#define IOMMU_HW_QUEUE_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_HW_QUEUE_ALLOC)
#endif
