namespace Svf.Indicators;

public static class Statistics
{
    /// <summary>
    /// Wilson score interval for x successes out of n. Null when n is 0 or x exceeds n (e.g. an inclusion rate above
    /// 100 %, possible because the denominator is an estimate).
    /// </summary>
    public static (double Low, double High)? Wilson(double x, double n, double z)
    {
        if (n <= 0 || x < 0 || x > n)
        {
            return null;
        }
        var p = x / n;
        var z2 = z * z;
        var denom = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denom;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
        // Rounded to 12 decimals so that 0 and 1 come out as 0 and 1, not as 6.9e-18 or 0.9999999999999999.
        return (Math.Round(Math.Max(0, centre - half), 12), Math.Round(Math.Min(1, centre + half), 12));
    }
}
