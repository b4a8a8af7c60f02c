#ifndef LOCALOFFER_TEXT_WIDTH_H
#define LOCALOFFER_TEXT_WIDTH_H
/* The C library's wcwidth, which ncurses uses for cell widths: the UI's buffer must agree with it.
   glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module does not set. */
int lo_wcwidth(unsigned int scalar);
/* Sets the locale from the environment, falling back to C.UTF-8 when that is not UTF-8. Returns 1 if UTF-8. */
int lo_use_utf8_locale(void);
#endif
