source "$(dirname "$0")/lib.sh"
CHAR_S=0.25
start "4. SENDIASS adviser, shared terminal (--shared --adviser), three families" xterm-256color --shared --adviser --content $ROOT/content
echo "-- family A: how long does an EHC needs assessment take?"
type_text "how long does an ehc assessment take"; reads 4
screen | sed -n 3,6p
key Enter; reads 10
screen | grep -n -i "week" | head -5
done_at
key C-n; sleep 0.5; screen | tail -3 | head -1
echo "-- family B: 'we live in New Malden, KT3 4, which council is it?'"
K0=$KEYS; S0=$SECS
key M-7; reads 3; screen | sed -n 2,12p
tap "Which borough am I in?"; reads 4
type_text "kt3 4"; key Enter; reads 6
screen | sed -n 2,14p
key 2; reads 6
screen | sed -n 2,10p
echo "  family B: $((KEYS-K0)) keys/touches, $(echo "$SECS - $S0" | bc) s modelled"
key C-n; sleep 0.5
echo "-- family C: 'the school keeps sending him home at lunchtime'"
K0=$KEYS; S0=$SECS
type_text "school keeps sending him home early"; reads 4
screen | sed -n 3,9p
key Enter; reads 12
screen | sed -n 1,22p
echo "  family C: $((KEYS-K0)) keys/touches, $(echo "$SECS - $S0" | bc) s modelled"
done_at; stop
