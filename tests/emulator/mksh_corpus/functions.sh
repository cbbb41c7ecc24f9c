# functions: positional parameters, return status, local, recursion, function keyword
greet() { echo "hello $1 ($# args)"; return 3; }
greet world extra; echo "status $?"
x=global
scope() { local x=inner; echo "in: $x"; }
scope; echo "out: $x"
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
echo "5! = $(fact 5)"
function kw { echo "ksh style $*"; }
kw a b
set -- p q r
shifty() { shift; echo "$@"; }
shifty 1 2 3; echo "script args still: $@"
