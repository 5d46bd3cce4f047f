using System.CommandLine;
using Svf.Storage;

namespace Svf.Tests.Cli;

/// <summary>What the CLI command tests share: run a command as the program does (exceptions reach the test) and read the audit log.</summary>
internal static class CliTestRun
{
    public static int Invoke(Command command, params string[] args) =>
        command.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = TextWriter.Null });

    /// <summary>The audit log of the database at <paramref name="db"/> (a --db value), newest first.</summary>
    public static List<AuditLog.Entry> Audit(string db)
    {
        using var opened = SvfDatabase.Open(db);
        return AuditLog.Read(opened);
    }
}
