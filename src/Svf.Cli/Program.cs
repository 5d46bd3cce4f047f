using System.CommandLine;
using Svf.Cli;
using Svf.Cli.Commands;

var root = new RootCommand("svf – uppföljning av standardiserade vårdförlopp (SVF): inrapportering, validering, indikatorer.")
{
    DemoCommand.Create(),
    IngestCommand.Create(),
    IndicatorsCommand.Create(),
    SubmissionsCommand.Create(),
    FeedbackCommand.Create(),
    PathwaysCommand.Create(),
    AuditCommand.Create(),
    GenerateCommand.Create(),
    NewKeyCommand.Create(),
};

try
{
    return root.Parse(args).Invoke();
}
catch (Exception e) when (e is CliException or FormatException or ArgumentException or InvalidDataException or IOException)
{
    Console.Error.WriteLine($"svf: {e.Message}");
    return 2;
}
