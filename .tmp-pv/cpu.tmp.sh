#!/bin/bash
# usage: cpu.tmp.sh PID URL N
pid=$1; url=$2; n=${3:-50}
tick=$(getconf CLK_TCK)
for i in 1 2 3; do curl -s -o /dev/null -H 'accept-language: nl' "$url"; done
read -r a b < <(awk '{print $14, $15}' /proc/$pid/stat)
start=$(date +%s%N)
for i in $(seq $n); do curl -s -o /dev/null -H 'accept-language: nl' "$url"; done
end=$(date +%s%N)
read -r c d < <(awk '{print $14, $15}' /proc/$pid/stat)
cpu=$(( (c + d - a - b) * 1000 / tick ))
echo "$(echo "scale=2; $cpu / $n" | bc) ms CPU/req, wall $(( (end - start) / 1000000 / n )) ms/req  $url"
