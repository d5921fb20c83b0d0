/* SPDX-License-Identifier: MIT */
/*
 * A made-up widget uAPI, version 1: the old side of the diff golden tests.
 */
#ifndef _UAPI_WIDGET_H
#define _UAPI_WIDGET_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define WIDGET_TYPE 'W'

/**
 * enum widget_kind - shapes of widget
 * @WIDGET_KIND_NONE: no shape yet
 * @WIDGET_KIND_ROUND: round
 * @WIDGET_KIND_SQUARE: square
 * @__WIDGET_KIND_MAX: one past the last shape
 */
enum widget_kind {
	WIDGET_KIND_NONE,
	WIDGET_KIND_ROUND,
	WIDGET_KIND_SQUARE,
	__WIDGET_KIND_MAX,
};

/**
 * enum widget_mode - power modes
 * @WIDGET_MODE_OFF: off
 * @WIDGET_MODE_ON: on
 */
enum widget_mode {
	WIDGET_MODE_OFF = 0,
	WIDGET_MODE_ON = 1,
};

enum widget_legacy {
	WIDGET_LEGACY_ONLY = 0,
};

/**
 * struct widget_alloc - ioctl(WIDGET_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: must be 0
 * @kind: one of enum widget_kind
 * @__reserved: must be 0
 * @out_id: the new widget
 */
struct widget_alloc {
	__u32 size;
	__u32 flags;
	__u32 kind;
	__u32 __reserved;
	__aligned_u64 out_id;
};

/**
 * struct widget_info - ioctl(WIDGET_INFO)
 * @size: bytes of this struct the caller filled in
 * @flags: must be 0
 * @out_type: the widget's type
 * @__reserved: must be 0
 */
struct widget_info {
	__u32 size;
	__u32 flags;
	__u32 out_type;
	__u32 __reserved;
};

/* One record read() from a widget. */
struct widget_record {
	__aligned_u64 addr;
	__u32 len;
	__u16 tag;
};

struct widget_pair {
	__u32 first;
	__u32 second;
};

struct widget_range {
	__u32 start;
	__u32 len;
	__u32 stride;
	__u32 pad;
};

struct widget_stat {
	__u32 count;
	__u32 total;
};

struct widget_sig {
	__s32 level;
};

struct widget_old {
	__u32 a;
};

#define WIDGET_ALLOC _IO(WIDGET_TYPE, 0x01)
#define WIDGET_INFO _IO(WIDGET_TYPE, 0x02)
#define WIDGET_QUERY _IOR(WIDGET_TYPE, 0x03, struct widget_record)
#define WIDGET_STAT _IOWR(WIDGET_TYPE, 0x04, struct widget_stat)
#define WIDGET_RESET _IO(WIDGET_TYPE, 0x05)
#define WIDGET_OLDCMD _IO(WIDGET_TYPE, 0x06)

#endif /* _UAPI_WIDGET_H */
