# set -e: a failing command ends the script, except in conditions and && || lists
set -e
false || echo "or-list keeps going"
if false; then :; else echo "if condition keeps going"; fi
! false
false && echo never
echo "before"
(exit 4)
echo "never printed"
