using System.Text;
using Svf.Ingestion;

namespace Svf.Tests.Support;

/// <summary>Builds a pathway file in the submission format; each row starts from a valid default that a test then changes.</summary>
internal sealed class CsvBuilder
{
    private readonly List<Dictionary<string, string>> _rows = [];
    private string[] _columns = SubmissionColumns.PathwayAll;

    public static Dictionary<string, string> ValidRow(string region = "01") => new()
    {
        [SubmissionColumns.Region] = region,
        [SubmissionColumns.PersonalId] = TestPins.Next(),
        [SubmissionColumns.Sex] = "K",
        [SubmissionColumns.BirthYear] = "",
        [SubmissionColumns.Svf] = "BROST",
        [SubmissionColumns.SuspicionDate] = "2025-03-03",
        [SubmissionColumns.FirstVisitDate] = "2025-03-05",
        [SubmissionColumns.TreatmentDecisionDate] = "2025-03-20",
        [SubmissionColumns.TreatmentStartDate] = "2025-03-27",
        [SubmissionColumns.TreatmentType] = "surgery",
        [SubmissionColumns.EndDate] = "",
        [SubmissionColumns.Outcome] = "cancer_confirmed",
        [SubmissionColumns.Icd10] = "C50.9",
    };

    public CsvBuilder Columns(params string[] columns)
    {
        _columns = columns;
        return this;
    }

    public CsvBuilder Row(Action<Dictionary<string, string>>? change = null, string region = "01")
    {
        var row = ValidRow(region);
        change?.Invoke(row);
        _rows.Add(row);
        return this;
    }

    public CsvBuilder Rows(int count, Action<int, Dictionary<string, string>>? change = null)
    {
        for (var i = 0; i < count; i++)
        {
            var row = ValidRow();
            change?.Invoke(i, row);
            _rows.Add(row);
        }
        return this;
    }

    public string Text(char delimiter = ';')
    {
        var b = new StringBuilder();
        b.AppendLine(string.Join(delimiter, _columns));
        foreach (var r in _rows)
        {
            b.AppendLine(string.Join(delimiter, _columns.Select(c => r.GetValueOrDefault(c, ""))));
        }
        return b.ToString();
    }

    public MemoryStream Stream(char delimiter = ';') => new(Encoding.UTF8.GetBytes(Text(delimiter)));
}
