source "$(dirname "$0")/lib.sh"
CHAR_S=0.6
start "1. kiosk parent, English her second language, keyboard and touch: her 4-year-old son in Kingston does not talk yet" xterm-256color --kiosk --content $ROOT/content
reads 5; type_text "my son no talk"; reads 6
key Enter; reads 4
tap "[ k Kingston ]"; reads 12
screen | sed -n 2,14p
echo "  first action (the phone number on screen):"; done_at
tap "[ Q code to take away ]"; reads 5
screen | grep -c "▀\|▄\|█"; screen | tail -12 | cut -c40-80
done_at; stop
