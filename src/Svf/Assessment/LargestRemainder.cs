namespace Svf.Assessment;

/// <summary>
/// Splits a whole-kronor amount by weights so that the parts are whole kronor and sum exactly to the amount
/// (Hamilton / largest-remainder method): everyone gets the integer part of amount × weight / Σweight; the kronor left
/// go one each to the largest remainders. Ties in the remainder go to the larger weight, then to the lower key.
/// </summary>
internal static class LargestRemainder
{
    public static long[] Split(long amount, IReadOnlyList<long> weights, IReadOnlyList<string> keys)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "The amount must not be negative.");
        }
        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights must not be negative.", nameof(weights));
        }
        Int128 total = 0;
        foreach (var w in weights)
        {
            total += w;
        }
        var parts = new long[weights.Count];
        if (total == 0)
        {
            if (amount > 0)
            {
                throw new ArgumentException("Cannot split a positive amount over weights that sum to zero.", nameof(weights));
            }
            return parts;
        }
        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)amount * weights[i];
            parts[i] = (long)(product / total);
            remainders[i] = product % total;
            given += parts[i];
        }
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => weights[i])
            .ThenBy(i => keys[i], StringComparer.Ordinal)
            .ToArray();
        for (var k = 0; k < amount - given; k++)
        {
            parts[order[k]]++;
        }
        return parts;
    }
}
