# Sourced by bench/bin/paired and bench/bin/versus: helpers for alternated wrk rounds.

# median: reads numbers, one per line; prints "MEDIAN (min MIN, max MAX)" with three decimals.
median() {
  sort -n | awk '{ v[NR] = $1 } END {
    printf "%.3f (min %.3f, max %.3f)", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR]
  }'
}

# cpu_ticks PID: user + system clock ticks of the process so far (every thread).
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
