namespace Svf.Cli;

/// <summary>
/// The exit codes of every command (README, *Command line*). Distinct, so a script can tell what happened without
/// reading the text: 0 done; 1 internal error (a fault of the program: report it, with the details printed on stderr);
/// 2 usage error (a bad option, value, missing or unwritable file: fix the command); 3 rejected file (ingest: the file
/// was received and rejected, its feedback stored; fix the file and send it again); 4 refused access (the caller may
/// not do this, e.g. a region reading another region's rows; the refusal is audited where the service audits it).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int UsageError = 2;
    public const int Rejected = 3;
    public const int AccessRefused = 4;
}
