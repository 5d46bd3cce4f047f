using Svf.Domain;

namespace Svf.Tests.Domain;

public class IcdCodeTests
{
    [Theory]
    [InlineData("c18.7", "C18.7")]
    [InlineData("C187", "C18.7")]
    [InlineData("C50", "C50")]
    [InlineData(" C92.0A ", "C92.0A")]
    public void Normalises(string input, string expected)
    {
        IcdCode.TryNormalize(input, out var code).ShouldBeTrue();
        code.ShouldBe(expected);
    }

    [Theory]
    [InlineData("18.7")]
    [InlineData("CC8")]
    [InlineData("C1")]
    public void Rejects_non_codes(string input) => IcdCode.TryNormalize(input, out _).ShouldBeFalse();

    [Theory]
    [InlineData("C18.0-C18.9, C20.9", "C18.7", true)]
    [InlineData("C18.0-C18.9, C20.9", "C20.9", true)]
    [InlineData("C18.0-C18.9, C20.9", "C19.9", false)]
    [InlineData("C00-C14, C30-C32, C77.0", "C10.9", true)]
    [InlineData("C00-C14, C30-C32, C77.0", "C15.0", false)]
    [InlineData("C50", "C50.9", true)]
    [InlineData("C25.0-C25.9 excl. C25.4, C24.0", "C25.4", false)]
    [InlineData("C25.0-C25.9 excl. C25.4, C24.0", "C25.3", true)]
    [InlineData("C92.0, C92.3", "C92.0A", true)]
    public void Matches_svf_code_lists(string list, string code, bool expected) =>
        IcdCode.InList(code, IcdCode.ParseList(list)).ShouldBe(expected);
}
