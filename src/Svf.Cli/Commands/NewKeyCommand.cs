using System.CommandLine;
using Svf.Ingestion;

namespace Svf.Cli.Commands;

internal static class NewKeyCommand
{
    public static Command Create()
    {
        var cmd = new Command("new-key", "Print a new random pseudonymisation key (base64). Keep it out of the repository; changing it breaks linkage of persons over time.");
        cmd.SetAction(_ =>
        {
            Console.WriteLine(Pseudonymizer.NewKeyBase64());
            return 0;
        });
        return cmd;
    }
}
