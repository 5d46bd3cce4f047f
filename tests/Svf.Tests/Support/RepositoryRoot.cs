using System.Runtime.CompilerServices;

namespace Svf.Tests.Support;

/// <summary>The folder holding Svf.slnx: the tests that read docs/ and the built-in data files start from it.</summary>
internal static class RepositoryRoot
{
    public static readonly string Path = Find();

    /// <summary>Above the test binaries; when they are built elsewhere (--artifacts-path), above the working directory or this source file.</summary>
    private static string Find([CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), System.IO.Path.GetDirectoryName(sourceFile)];
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Svf.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException($"No Svf.slnx found above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
