using System.CommandLine;
using Svf.Cli;
using Svf.Cli.Commands;

var root = new RootCommand("svf – uppföljning av standardiserade vårdförlopp (SVF): inrapportering, validering, indikatorer, redovisningar, bedömning och fördelning.")
{
    DemoCommand.Create(),
    IngestCommand.Create(),
    IndicatorsCommand.Create(),
    ReportCommand.Create(),
    AssessCommand.Create(),
    RulesCommand.Create(),
    SubmissionsCommand.Create(),
    WithdrawCommand.Create(),
    FeedbackCommand.Create(),
    PathwaysCommand.Create(),
    AuditCommand.Create(),
    GenerateCommand.Create(),
    NewKeyCommand.Create(),
    NationalReportCommand.Create(),
};

try
{
    // Our own handler below prints user errors in one line; the library's would print a stack trace.
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is CliException or FormatException or ArgumentException or InvalidDataException or IOException or KeyNotFoundException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"svf: {e.Message}");
    return 2;
}
catch (Exception e)
{
    // Not a user error: say so, and keep the details for whoever operates the system.
    Console.Error.WriteLine($"svf: internal error: {e.Message}");
    Console.Error.WriteLine(e);
    return 1;
}
