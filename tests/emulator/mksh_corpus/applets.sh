# toybox applets scripts lean on
echo "user:x:2000:shell" | cut -d: -f1,3
echo "abcdef" | cut -c2-4
echo "Hello World" | tr '[:upper:]' '[:lower:]'
printf 'b\nc\na\n' | sort -r | head -n 2
printf '10 x\n9 y\n100 z\n' | sort -n -k1 | tail -1
printf 'l1\nl2\nl3\n' | wc -l
printf 'a b\nc d e\n' | wc -w
echo droidpilot | base64
echo ZHJvaWRwaWxvdAo= | base64 -d
printf 'one\ntwo\nthree\n' | sed -n '$p'
printf 'one\ntwo\nthree\n' | sed '2i\
inserted'
printf 'k1 10\nk2 20\nk3 30\n' | awk '$2 > 15 { print $1 }'
printf 'a,b\nc,d\n' | awk -F, -v OFS=- '{ $1 = $1; print }'
echo "a-b-c" | awk '{ n = split($0, parts, "-"); print n, parts[3] }'
printf 'x\ny\n' | xargs -n 1 echo item
basename /sdcard/Download/file.txt .txt
dirname /sdcard/Download/file.txt
seq 3 | tr '\n' ,; echo
grep -c . /dev/null; echo "grep on empty: $?"
