source "$(dirname "$0")/lib.sh"
CHAR_S=0.3
start "3. Parent Champion at a drop-in (--champion): a mum's 15-year-old in Richmond has an EHC plan; she needs a break" xterm-256color --champion --content $ROOT/content
reads 3; key M-9
key Right            # Where you live: Richmond
key Down; type_text "15"
key Down Right Right Right # Support: EHC plan
reads 3; screen | sed -n 3,8p
key Escape
type_text "short breaks"; reads 5
screen | sed -n 2,8p
key Enter; reads 12
screen
done_at
key a; key C-p; sleep 1; screen | tail -3
stop
