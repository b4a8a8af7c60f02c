# Trial helpers: drive the real binary in tmux at 80x24, count every key and click a person makes.
SOCK=trial-$$
KEYS=0
T0=0
SECS=0
CHAR_S=${CHAR_S:-0.4}
add() { SECS=$(echo "$SECS + $1" | bc); }
reads() { add "$1"; }
ROOT=${ROOT:-$(git rev-parse --show-toplevel)}
BIN=${BIN:-$ROOT/.build/debug/localoffer}
start() { # start NAME TERM ARGS...
  local name=$1 term=$2; shift 2
  tmux -L $SOCK kill-server 2>/dev/null
  tmux -L $SOCK new-session -d -x 80 -y 24 -s t "env TERM=$term $BIN $* ; sleep 30"
  sleep 2.5; KEYS=0; SECS=0; T0=$(date +%s.%N); echo "== $name"
}
type_text() { # a person typing a phrase: one key per character
  local s=$1; tmux -L $SOCK send-keys -t t -l -- "$s"; KEYS=$((KEYS + ${#s})); add "$(echo "${#s} * $CHAR_S" | bc)"; sleep 0.4; }
key() { for k in "$@"; do tmux -L $SOCK send-keys -t t "$k"; KEYS=$((KEYS+1)); add 0.8; sleep 0.3; done; }
click() { # click X Y (0-based) with SGR 1006 mouse, press and release
  local x=$(( $1 + 1 )) y=$(( $2 + 1 ))
  local h; for seq in "[<0;${x};${y}M" "[<0;${x};${y}m"; do h=$(printf '\033%s' "$seq" | od -An -tx1 | tr -s ' \n' ' '); tmux -L $SOCK send-keys -t t -H $h; sleep 0.1; done
  KEYS=$((KEYS+1)); add 2; sleep 0.4; }
screen() { tmux -L $SOCK capture-pane -p -t t; }
find_xy() { # find_xy TEXT -> "x y" of the middle of its first occurrence below the top line
  screen | python3 -c '
import sys
lab=sys.argv[1]
for y,l in enumerate(sys.stdin.read().split("\n")):
    if y>=1 and lab in l: print(l.index(lab)+max(1,len(lab)//2), y); break' "$1"; }
tap() { local xy; xy=$(find_xy "$1"); [ -n "$xy" ] || { echo "  (no '$1' on screen)"; return 1; }; click $xy; }
expect() { if screen | grep -qF -- "$1"; then echo "  ok: '$1'"; else echo "  MISSING: '$1'"; fi; }
done_at() { local t1; t1=$(date +%s.%N); echo "  -> $KEYS keys/touches; modelled person time $SECS s (typing ${CHAR_S} s a character, 0.8 s a key, 2 s a touch, plus reading); script wall $(echo "$t1 - $T0" | bc) s"; }
stop() { tmux -L $SOCK kill-server 2>/dev/null; }
