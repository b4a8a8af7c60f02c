source "$(dirname "$0")/lib.sh"
CHAR_S=0.3
start "5. screen-reader user (--plain, Orca reads each line): autism assessment for her 9-year-old in Richmond" xterm-256color --plain --content $ROOT/content
reads 6; screen | head -20
type_text "autism assessment"; key Enter; reads 8
screen | tail -12
type_text "1"; key Enter; reads 6
type_text "r"; key Enter; reads 15
tmux -L $SOCK capture-pane -p -t t -S -200 | grep -n "Open which number" | tail -1
tmux -L $SOCK capture-pane -p -t t -S -200 | sed -n '/answers for Richmond/,$p' | sed -n 1,14p
done_at; stop
