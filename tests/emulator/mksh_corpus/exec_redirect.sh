# exec with only redirections changes the shell's own streams for the rest of the script
exec 2>&1
ls /no/such/dir
exec 3>&1 >/data/local/tmp/exec.log
echo "to the file"
exec >/dev/null
echo "discarded"
exec >/dev/stderr
cat /data/local/tmp/exec.log
{ exec >/dev/null; echo "gone too"; }
echo "still gone"
