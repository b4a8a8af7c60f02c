source "$(dirname "$0")/lib.sh"
CHAR_S=0.2
start "6. a 19-year-old in Kingston, on her phone-sized habits, at home: help at university for her dyslexia" xterm-256color --content $ROOT/content
type_text "uni help dyslexia"; reads 3
screen | sed -n 3,5p
key Enter; reads 3; key k; reads 12
screen | head -22
done_at; stop
