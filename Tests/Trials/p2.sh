source "$(dirname "$0")/lib.sh"
CHAR_S=0.7
start "2. dyslexic father, touch only, TERM=linux kiosk: his 7-year-old in Kingston can't talk well" linux --kiosk --content $ROOT/content
reads 4; tap "Help me find support"
reads 5; tap "2  Kingston upon Thames"
reads 5; tap "[ 7 ]"; tap "[ Done ]"
reads 8; screen | sed -n 3,6p
tap "1  Nothing formal yet"
reads 6; screen | sed -n 3,5p
tap "[ ] Talking"; tap "[ Done ]"
reads 10; screen > /tmp/p2-outcome.txt; cat /tmp/p2-outcome.txt
tap "Children's speech and language therapy"
reads 12; screen
tap "[ Q code to take away ]"; reads 6
screen
done_at; stop
