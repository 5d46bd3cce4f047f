using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>The one registration entry for both hosts (CLI and web).</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons: <see cref="SvfOptions"/> (via <c>IOptions&lt;SvfOptions&gt;</c> and as itself), the
    /// <see cref="SvfDatabase"/> (opened and migrated once, on first use), the <see cref="ReferenceDataSet"/> (built-in, or
    /// <see cref="SvfOptions.ReferenceDataDirectory"/>), the <see cref="AgreementRulesCatalog"/> (built-in plus
    /// <see cref="SvfOptions.RulesDirectory"/>, checked against the reference data) and the use-case services
    /// (<see cref="SubmissionUseCases"/>, <see cref="YearlyReportUseCases"/>, <see cref="AssessmentUseCases"/>, <see cref="IndicatorUseCases"/>,
    /// <see cref="PathwayUseCases"/>, <see cref="EarlyWarningUseCases"/>, <see cref="ReportingStatusOverview"/>, <see cref="AllocationUseCases"/>,
    /// <see cref="InvestmentUseCases"/>, <see cref="SkrUseCases"/>, <see cref="AnalysisUseCases"/>) and the one
    /// <see cref="ResultCache"/> the indicator tables and the reporting status are kept in between reads.
    /// The pseudonymisation key is read only when a file is received, so read-only hosts need none.
    /// </summary>
    public static IServiceCollection AddSvf(this IServiceCollection services, Action<SvfOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SvfOptions>().Configure(configure);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SvfOptions>>().Value);
        services.AddSingleton(sp =>
        {
            var db = SvfDatabase.Open(sp.GetRequiredService<SvfOptions>().Database);
            db.Clock = sp.GetRequiredService<SvfOptions>().Clock;
            try
            {
                db.Migrate();
            }
            catch
            {
                db.Dispose();
                throw;
            }
            return db;
        });
        services.AddSingleton(sp => sp.GetRequiredService<SvfOptions>().ReferenceDataDirectory is { } dir
            ? ReferenceDataSet.FromDirectory(dir)
            : ReferenceDataSet.Embedded);
        services.AddSingleton(sp => AgreementRulesCatalog.Load(sp.GetRequiredService<ReferenceDataSet>(), sp.GetRequiredService<SvfOptions>().RulesDirectory));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<SvfOptions>();
            var pseudonymizer = new Lazy<Ingestion.Pseudonymizer>(o.CreatePseudonymizer);
            return new SubmissionUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(), () => pseudonymizer.Value, o.Clock);
        });
        services.AddSingleton(sp => new YearlyReportUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(),
            sp.GetRequiredService<AgreementRulesCatalog>(), sp.GetRequiredService<SvfOptions>().Indicators, sp.GetRequiredService<SvfOptions>().Clock));
        services.AddSingleton(sp => new AssessmentUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(),
            sp.GetRequiredService<AgreementRulesCatalog>(), sp.GetRequiredService<SvfOptions>().Indicators, sp.GetRequiredService<SvfOptions>().Clock));
        services.AddSingleton(_ => new ResultCache());
        services.AddSingleton(sp => new IndicatorUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(),
            sp.GetRequiredService<SvfOptions>().Indicators, sp.GetRequiredService<ResultCache>()));
        services.AddSingleton(sp => new AnalysisUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(), sp.GetRequiredService<SvfOptions>().Indicators));
        services.AddSingleton(sp => new PathwayUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>()));
        services.AddSingleton(sp => new EarlyWarningUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(),
            sp.GetRequiredService<AgreementRulesCatalog>(), sp.GetRequiredService<SvfOptions>().Indicators, sp.GetRequiredService<SvfOptions>().Clock));
        services.AddSingleton(sp => new ReportingStatusOverview(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(),
            sp.GetRequiredService<AgreementRulesCatalog>(), sp.GetRequiredService<SvfOptions>().Indicators, sp.GetRequiredService<SvfOptions>().Clock,
            sp.GetRequiredService<ResultCache>()));
        AddInvestmentsAndSkr(services);
        return services;
    }

    /// <summary>The allocation tables (built-in plus <see cref="SvfOptions.RulesDirectory"/>), <see cref="AllocationUseCases"/>, <see cref="InvestmentUseCases"/> and <see cref="SkrUseCases"/>.</summary>
    private static void AddInvestmentsAndSkr(IServiceCollection services)
    {
        services.AddSingleton(sp => Investments.AllocationCatalog.Load(sp.GetRequiredService<ReferenceDataSet>(), sp.GetRequiredService<AgreementRulesCatalog>(),
            sp.GetRequiredService<SvfOptions>().RulesDirectory));
        services.AddSingleton(sp => new AllocationUseCases(sp.GetRequiredService<ReferenceDataSet>(), sp.GetRequiredService<AgreementRulesCatalog>(),
            sp.GetRequiredService<Investments.AllocationCatalog>()));
        services.AddSingleton(sp => new InvestmentUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(),
            sp.GetRequiredService<AgreementRulesCatalog>(), sp.GetRequiredService<Investments.AllocationCatalog>(), sp.GetRequiredService<SvfOptions>().Indicators,
            sp.GetRequiredService<SvfOptions>().Clock));
        services.AddSingleton(sp => new SkrUseCases(sp.GetRequiredService<SvfDatabase>(), sp.GetRequiredService<ReferenceDataSet>(),
            sp.GetRequiredService<SvfOptions>().Indicators, sp.GetRequiredService<SvfOptions>().Clock));
    }
}
