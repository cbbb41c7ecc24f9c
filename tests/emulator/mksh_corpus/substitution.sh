# nested $(...), backticks, parameter operators
echo $(echo outer $(echo inner $(echo deepest)))
echo `echo back` "$(echo "quoted  spaces")"
file=/sdcard/DCIM/photo.tar.gz
echo ${file##*/} ${file%%.*} ${file#*.} ${file%.*} ${#file}
unset u; echo ${u:-default} ${u-unset} "${u:+alt}" ${file:+set}
echo ${u:=assigned} $u
count=$(printf 'a\nb\nc\n' | wc -l); echo "lines=$count"
