/* SPDX-License-Identifier: MIT */
/*
 * A made-up widget uAPI, version 2: the new side of the diff golden tests. Every kind of
 * change the diff classifies happens once between the two versions.
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
 * @WIDGET_KIND_TRIANGLE: three-cornered (new)
 * @__WIDGET_KIND_MAX: one past the last shape (moves)
 */
enum widget_kind {
	WIDGET_KIND_NONE,
	WIDGET_KIND_ROUND,
	WIDGET_KIND_SQUARE,
	WIDGET_KIND_TRIANGLE,
	__WIDGET_KIND_MAX,
};

/**
 * enum widget_mode - power modes
 * @WIDGET_MODE_OFF: off
 * @WIDGET_MODE_ON: on (renumbered: breaks old binaries)
 */
enum widget_mode {
	WIDGET_MODE_OFF = 0,
	WIDGET_MODE_ON = 2,
};

/**
 * enum widget_colour - colours (a new enum)
 * @WIDGET_COLOUR_RED: red
 * @WIDGET_COLOUR_BLUE: blue
 */
enum widget_colour {
	WIDGET_COLOUR_RED = 1,
	WIDGET_COLOUR_BLUE = 2,
};

/**
 * struct widget_alloc - ioctl(WIDGET_ALLOC)
 * @size: bytes of this struct the caller filled in
 * @flags: must be 0
 * @kind: one of enum widget_kind
 * @colour: one of enum widget_colour (was reserved)
 * @__reserved: must be 0
 * @out_id: the new widget
 * @out_slot: where it went (grows the struct)
 * @__reserved2: must be 0
 */
struct widget_alloc {
	__u32 size;
	__u32 flags;
	__u32 kind;
	__u16 colour;
	__u16 __reserved;
	__aligned_u64 out_id;
	__u32 out_slot;
	__u32 __reserved2;
};

/**
 * struct widget_info - ioctl(WIDGET_INFO)
 * @size: bytes of this struct the caller filled in
 * @flags: must be 0
 * @in_type: the type asked for (shares out_type's word)
 * @out_type: the widget's type
 * @__reserved: must be 0
 */
struct widget_info {
	__u32 size;
	__u32 flags;
	union {
		__u32 in_type;
		__u32 out_type;
	};
	__u32 __reserved;
};

/* One record read() from a widget; prio lands in what was tail padding. */
struct widget_record {
	__aligned_u64 addr;
	__u32 len;
	__u16 tag;
	__u16 prio;
};

struct widget_pair {
	__u32 second;
	__u32 first;
};

struct widget_range {
	__u32 start;
	__u32 len;
	__u32 pad;
};

struct widget_stat {
	__u32 count;
	__u32 total;
	__aligned_u64 bytes;
};

struct widget_sig {
	__u32 level;
};

struct widget_new {
	__u32 b;
};

#define WIDGET_ALLOC _IO(WIDGET_TYPE, 0x01)
#define WIDGET_INFO _IO(WIDGET_TYPE, 0x02)
#define WIDGET_QUERY _IOR(WIDGET_TYPE, 0x03, struct widget_record)
#define WIDGET_STAT _IOWR(WIDGET_TYPE, 0x04, struct widget_stat)
#define WIDGET_RESET _IO(WIDGET_TYPE, 0x15)
#define WIDGET_NEWCMD _IO(WIDGET_TYPE, 0x07)

#endif /* _UAPI_WIDGET_H */
