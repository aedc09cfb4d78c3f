namespace ShotgunEvents.Benchmarks.Harness;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> values)
    {
        _sorted = [.. values];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    /// <summary>The sample, smallest first.</summary>
    public IReadOnlyList<double> Values => _sorted;

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    /// <summary>The value at or below which <paramref name="percent"/> percent of the sample lies.</summary>
    public double At(double percent)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => new Percentiles(values).At(50);
}
