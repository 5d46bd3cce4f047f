namespace Svf.Reports;

/// <summary>Deadlines are calendar days in Swedish time: a report sent 23:59 on 30 September (Stockholm) is on time.</summary>
public static class Deadlines
{
    public static DateOnly SwedishDate(DateTime utc) => Svf.Domain.SwedishTime.Date(utc);

    public static bool IsOnTime(DateTime submittedUtc, DateOnly deadline) => SwedishDate(submittedUtc) <= deadline;

    /// <summary>Days after the deadline (0 when on time).</summary>
    public static int DaysLate(DateTime submittedUtc, DateOnly deadline) => Math.Max(0, SwedishDate(submittedUtc).DayNumber - deadline.DayNumber);
}
