# Turns dotnet test (VSTest) summary lines into one plain "N passed, N failed, N skipped" line, summed over projects.
/^(Passed|Failed)! +- Failed:/ { gsub(/,/, ""); f += $4; p += $6; s += $8; seen = 1 }
END { if (seen) printf "%d passed, %d failed, %d skipped\n", p, f, s }
