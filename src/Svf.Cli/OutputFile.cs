namespace Svf.Cli;

/// <summary>
/// The one guard for every file an output option writes (<c>--out</c>, the files under <c>--out-dir</c>,
/// <c>--feedback</c>): it is checked before the command does anything, and it only ever writes a file of its own kind.
/// The name must end in one of the option's documented extensions (.csv, .json, .txt), so <c>--feedback svf.db</c> is
/// refused instead of replacing the database; an existing file with such a name is overwritten only if it is text
/// (not a database, spreadsheet or other binary file that was given that name); a folder is never replaced.
/// </summary>
internal static class OutputFile
{
    public static readonly string[] Table = [".csv", ".json"];
    public static readonly string[] Feedback = [".json", ".txt"];
    public static readonly string[] Json = [".json"];

    /// <summary>The path, or a <see cref="CliException"/> (usage error) saying why it is not written.</summary>
    public static string Check(string path, string option, IReadOnlyCollection<string> extensions)
    {
        var ext = Path.GetExtension(path);
        if (!extensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
        {
            throw new CliException($"{option} {path}: writes only {string.Join(" or ", extensions)} files, so a file named '{Path.GetFileName(path)}' is not written " +
                                   "(an output option never overwrites a file of another kind, such as the database). Give a name ending in " +
                                   $"{string.Join(" or ", extensions)}.");
        }
        if (Directory.Exists(path))
        {
            throw new CliException($"{option} {path}: is a folder; give a file name.");
        }
        if (File.Exists(path) && !IsText(path))
        {
            throw new CliException($"{option} {path}: the file exists and is not a text file (it looks like a database or another binary file), so it is not overwritten.");
        }
        return path;
    }

    /// <summary>An output folder: it may exist or not, but must not be a file. Each file written in it goes through <see cref="Check"/>.</summary>
    /// <summary>Writes a feedback report to a path already checked against <see cref="Feedback"/>: JSON for .json, the letter otherwise.</summary>
    public static void WriteFeedback(string path, Func<string> json, Func<string> text) =>
        File.WriteAllText(path, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? json() : text());

    public static string CheckDirectory(string dir, string option)
    {
        if (File.Exists(dir))
        {
            throw new CliException($"{option} {dir}: is a file, not a folder; it is not overwritten.");
        }
        return dir;
    }

    /// <summary>An output folder and the tables a command writes in it (each as <c>NAME.csv</c> and <c>NAME.json</c>).</summary>
    public static string CheckTableFiles(string dir, string option, params string[] names)
    {
        CheckDirectory(dir, option);
        foreach (var name in names)
        {
            foreach (var ext in Table)
            {
                Check(Path.Combine(dir, name + ext), option, Table);
            }
        }
        return dir;
    }

    /// <summary>Text as this program writes it: no NUL byte and no SQLite header in the first 8 KB.</summary>
    private static bool IsText(string path)
    {
        Span<byte> head = stackalloc byte[8192];
        int n;
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        var bytes = head[..n];
        return !bytes.StartsWith("SQLite format 3"u8) && bytes.IndexOf((byte)0) < 0;
    }
}
