using System.CommandLine;
using Svf.Generation;
using Svf.ReferenceData;

namespace Svf.Cli.Commands;

internal static class GenerateCommand
{
    public static Command Create()
    {
        var year = new Option<int>("--year") { DefaultValueFactory = _ => 2025 };
        var pathways = new Option<int>("--pathways") { Description = "Pathways per year, nationally.", DefaultValueFactory = _ => 150_000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 20251 };
        var dir = new Option<string>("--dir") { Description = "Output folder.", DefaultValueFactory = _ => "generated" };
        var cmd = new Command("generate", "Write a realistic synthetic data set: one pathway file and one new-cases file per region.") { year, pathways, seed, dir };
        cmd.SetAction(parse =>
        {
            var settings = new GeneratorSettings { Year = parse.GetValue(year), PathwaysPerYear = parse.GetValue(pathways), Seed = parse.GetValue(seed) };
            var files = new SyntheticDataGenerator(ReferenceDataSet.Embedded, settings).WriteAll(parse.GetValue(dir)!);
            Console.WriteLine($"Wrote {files.Count * 2} files with {files.Sum(f => f.Pathways):N0} pathways to {parse.GetValue(dir)}");
            return 0;
        });
        return cmd;
    }
}
