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
    AllocationCommand.Create(),
    SkrCommand.Create(),
    InvestmentsCommand.Create(),
    NationalReportCommand.Create(),
    AnalysisCommand.Create(),
};

// Exit codes (ExitCodes, README *Command line*): 0 done, 1 internal error, 2 usage error, 3 rejected file, 4 refused access.
try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0)
    {
        parsed.Invoke(); // prints the parse errors and the command's help
        return ExitCodes.UsageError;
    }
    // Our own handler below prints user errors in one line; the library's would print a stack trace.
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Svf.Application.AccessDeniedException e)
{
    Console.Error.WriteLine($"svf: access refused: {e.Message}");
    return ExitCodes.AccessRefused;
}
catch (Exception e) when (e is CliException or FormatException or ArgumentException or InvalidDataException or IOException or KeyNotFoundException
                              or UnauthorizedAccessException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"svf: {e.Message}");
    return ExitCodes.UsageError;
}
catch (Exception e)
{
    // Not a user error: say so, and keep the details for whoever operates the system.
    Console.Error.WriteLine($"svf: internal error: {e.Message}");
    Console.Error.WriteLine(e);
    return ExitCodes.InternalError;
}
