#ifndef LOCALOFFER_CQRENCODE_SHIM_H
#define LOCALOFFER_CQRENCODE_SHIM_H

/* libqrencode (Debian libqrencode-dev). Only the data encoder is used: QRcode_encodeData takes
   a length, so NUL bytes are data, and it always uses 8-bit mode (no Kanji guessing on UTF-8). */
#include <qrencode.h>

#endif
