using System.Diagnostics;

namespace Svf.Benchmarks;

/// <summary>What one measured phase cost: wall time, peak resident memory, peak managed heap, bytes allocated, GCs.</summary>
public sealed record PhaseResult(string Name, TimeSpan Elapsed, TimeSpan Cpu, long PeakWorkingSet, bool PeakIsPerPhase, long PeakManagedHeap,
    long AllocatedBytes, int Gen0, int Gen1, int Gen2);

/// <summary>
/// Measures one phase. Before it starts: a full GC, and on Linux the kernel's peak-RSS counter (VmHWM, which
/// <see cref="Process.PeakWorkingSet64"/> reads) is reset by writing 5 to /proc/self/clear_refs, so the peak is the
/// phase's own and not the data generation's. A background sampler (every 10 ms) records the largest managed heap.
/// </summary>
public sealed class PhaseMeter
{
    private readonly string _name;
    private readonly Stopwatch _sw = new();
    private readonly bool _peakReset;
    private readonly long _allocatedBefore;
    private readonly TimeSpan _cpuBefore;
    private readonly int _gen0, _gen1, _gen2;
    private readonly Thread _sampler;
    private volatile bool _stop;
    private long _peakHeap;

    private PhaseMeter(string name)
    {
        _name = name;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _peakReset = ResetPeakRss();
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _gen0 = GC.CollectionCount(0);
        _gen1 = GC.CollectionCount(1);
        _gen2 = GC.CollectionCount(2);
        _peakHeap = GC.GetTotalMemory(false);
        _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "peak-sampler", Priority = ThreadPriority.AboveNormal };
        _sampler.Start();
        _sw.Start();
    }

    public static PhaseMeter Start(string name) => new(name);

    public TimeSpan Elapsed => _sw.Elapsed;

    public PhaseResult Stop()
    {
        _sw.Stop();
        _stop = true;
        _sampler.Join();
        Observe();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new PhaseResult(_name, _sw.Elapsed, self.TotalProcessorTime - _cpuBefore, self.PeakWorkingSet64, _peakReset, Interlocked.Read(ref _peakHeap),
            GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore,
            GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2);
    }

    private void Sample()
    {
        while (!_stop)
        {
            Observe();
            Thread.Sleep(10);
        }
    }

    private void Observe()
    {
        var heap = GC.GetTotalMemory(false);
        long seen;
        while (heap > (seen = Interlocked.Read(ref _peakHeap)) && Interlocked.CompareExchange(ref _peakHeap, heap, seen) != seen)
        {
        }
    }

    private static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
