namespace Svf.Reports;

/// <summary>Deadlines are calendar days in Swedish time: a report sent 23:59 on 30 September (Stockholm) is on time.</summary>
public static class Deadlines
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateOnly SwedishDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Stockholm));

    public static bool IsOnTime(DateTime submittedUtc, DateOnly deadline) => SwedishDate(submittedUtc) <= deadline;

    /// <summary>Days after the deadline (0 when on time).</summary>
    public static int DaysLate(DateTime submittedUtc, DateOnly deadline) => Math.Max(0, SwedishDate(submittedUtc).DayNumber - deadline.DayNumber);
}
