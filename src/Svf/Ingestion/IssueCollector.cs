using Svf.Output;

namespace Svf.Ingestion;

/// <summary>
/// Collects validation issues with bounded memory: every issue is counted per code, but only the first
/// <see cref="MaxListed"/> are kept in full, so a file with a million bad rows still gives a short, useful report.
/// </summary>
public sealed class IssueCollector(int maxListed = 1000)
{
    private readonly List<ValidationIssue> _listed = [];
    private readonly Dictionary<string, int> _countByCode = new(StringComparer.Ordinal);

    public int MaxListed { get; } = maxListed;
    public int ErrorCount { get; private set; }
    public int WarningCount { get; private set; }
    public IReadOnlyList<ValidationIssue> Listed => _listed;
    public IReadOnlyDictionary<string, int> CountByCode => _countByCode;

    public void Error(string code, int row, string? field, string message) => Add(new(IssueSeverity.Error, code, row, field, message));

    public void Warning(string code, int row, string? field, string message) => Add(new(IssueSeverity.Warning, code, row, field, message));

    public void Add(ValidationIssue issue)
    {
        // The field name too can come from the file (an unknown header): neither may carry a personal number, and a
        // quoted value with a line break may not forge a line of the letter.
        issue = issue with
        {
            Message = SafeText.OneLine(Redaction.MaskNumbers(issue.Message)),
            Field = issue.Field is null ? null : SafeText.OneLine(Redaction.MaskNumbers(issue.Field)),
        };
        if (issue.Severity == IssueSeverity.Error)
        {
            ErrorCount++;
        }
        else
        {
            WarningCount++;
        }
        _countByCode[issue.Code] = _countByCode.GetValueOrDefault(issue.Code) + 1;
        if (_listed.Count < MaxListed)
        {
            _listed.Add(issue);
        }
    }
}
