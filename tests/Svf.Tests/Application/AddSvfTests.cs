using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Application;

public class AddSvfTests
{
    [Fact]
    public async Task One_registration_gives_a_migrated_database_the_configured_reference_data_and_the_services()
    {
        var dir = Directory.CreateTempSubdirectory("svf-addsvf-").FullName;
        try
        {
            // A reference folder with one changed file: the rest comes from the built-in set.
            var refDir = Directory.CreateDirectory(Path.Combine(dir, "ref")).FullName;
            var regions = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "src/Svf/ReferenceData/regioner.csv"));
            File.WriteAllLines(Path.Combine(refDir, "regioner.csv"), regions.Select(l => l.Replace("Stockholms län", "Region Stockholm (test)", StringComparison.Ordinal)));
            using (var sp = new ServiceCollection().AddSvf(o =>
                   {
                       o.Database = "sqlite:" + Path.Combine(dir, "svf.db");
                       o.ReferenceDataDirectory = refDir;
                       o.Clock = FixedClock.Default;
                   }).BuildServiceProvider())
            {
                sp.GetRequiredService<SvfDatabase>().SchemaVersion.ShouldBeGreaterThan(0);
                sp.GetRequiredService<ReferenceDataSet>().RegionsByCode["01"].Name.ShouldBe("Region Stockholm (test)");
                sp.GetRequiredService<AgreementRulesCatalog>().Years.ShouldContain(2026);
                var uc = sp.GetRequiredService<SubmissionUseCases>();
                sp.GetRequiredService<SubmissionUseCases>().ShouldBeSameAs(uc);

                // Reads need no pseudonymisation key; receiving a file does, and says how to configure one.
                uc.History(Caller.Analyst("a")).ShouldBeEmpty();
                var e = await Should.ThrowAsync<InvalidOperationException>(() =>
                    uc.SubmitAsync(Caller.Analyst("a"), SubmissionKind.Pathways, "01", ReportingPeriod.Parse("2025"), new CsvBuilder().Row().Stream(), "f.csv"));
                e.Message.ShouldContain(SvfOptions.KeyVariable);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_key_comes_from_a_file_before_the_variable()
    {
        var file = Path.GetTempFileName();
        try
        {
            var fromFile = Pseudonymizer.NewKeyBase64();
            File.WriteAllText(file, fromFile);
            var o = new SvfOptions { PseudonymKey = Pseudonymizer.NewKeyBase64(), PseudonymKeyFile = file };
            o.CreatePseudonymizer().KeyId.ShouldBe(Pseudonymizer.FromBase64(fromFile).KeyId);
            o.PseudonymKeyFile = null;
            o.CreatePseudonymizer().KeyId.ShouldBe(Pseudonymizer.FromBase64(o.PseudonymKey).KeyId);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
