#ifndef LOCALOFFER_CNCURSESW_SHIM_H
#define LOCALOFFER_CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so the wide API must be switched on here. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <curses.h>
#include <locale.h>
#include <langinfo.h>
#include <termios.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Function-like macros and mutable globals do not import into Swift 6 (strict concurrency). */
static inline attr_t lo_a_normal(void) { return A_NORMAL; }
static inline attr_t lo_a_bold(void) { return A_BOLD; }
static inline attr_t lo_a_reverse(void) { return A_REVERSE; }
static inline attr_t lo_a_underline(void) { return A_UNDERLINE; }
static inline attr_t lo_a_dim(void) { return A_DIM; }
static inline mmask_t lo_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t lo_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t lo_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t lo_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t lo_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t lo_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline int lo_key_code_yes(void) { return KEY_CODE_YES; }
static inline WINDOW *stdscr_shim(void) { return stdscr; }


/* newterm wants FILE*; building them here avoids Swift touching the stdio globals. */
static inline SCREEN *lo_newterm(const char *term) {
    FILE *out = fdopen(dup(STDOUT_FILENO), "w");
    FILE *in = fdopen(dup(STDIN_FILENO), "r");
    if (!out || !in) return NULL;
    return newterm(term, out, in);
}

#endif
