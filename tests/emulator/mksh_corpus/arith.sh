# mksh arithmetic is 32-bit signed; division truncates toward zero
echo $((1 + 2 * 3)) $(( (1 + 2) * 3 )) $((7 / 2)) $((-7 / 2)) $((-7 % 3))
echo $((2147483647 + 1)) $((16#ff)) $((0x10)) $((1 << 4)) $((~0))
i=5; echo $((i++)) $i $((++i)) $((i += 10)) $i
echo $((3 > 2 && 0 || 4)) $((1 ? 10 : 20)) $((x = 4, x * x))
y=2+3; echo $((y * 2))
(( 5 > 3 )) && echo "true command"
(( 0 )) || echo "zero is false"
let "z = 6 * 7"; echo $z
