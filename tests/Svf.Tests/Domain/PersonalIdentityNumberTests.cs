using Svf.Domain;

namespace Svf.Tests.Domain;

public class PersonalIdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    [Theory]
    [InlineData("19811218-9876", "198112189876")]
    [InlineData("198112189876", "198112189876")]
    [InlineData("811218-9876", "198112189876")]
    public void Accepts_valid_number_and_normalises_to_twelve_digits(string input, string expected)
    {
        PersonalIdentityNumber.TryParse(input, Today, out var pin, out var error).ShouldBeTrue(error);
        pin.Normalized.ShouldBe(expected);
        pin.BirthDate.ShouldBe(new DateOnly(1981, 12, 18));
        pin.ImpliedSex.ShouldBe(Sex.Male); // second-to-last digit 7 is odd
    }

    [Fact]
    public void Check_digit_of_811218987_is_6()
    {
        // Hand-worked Luhn: 8 1 1 2 1 8 9 8 7 with weights 2 1 2 1 2 1 2 1 2 -> 16→7, 1, 2, 2, 2, 8, 18→9, 8, 14→5; sum 44; 10 - 4 = 6.
        PersonalIdentityNumber.CheckDigit("811218987").ShouldBe('6');
    }

    [Fact]
    public void Rejects_wrong_check_digit()
    {
        PersonalIdentityNumber.TryParse("19811218-9875", Today, out _, out var error).ShouldBeFalse();
        error.ShouldContain("kontrollsiffra");
    }

    [Theory]
    [InlineData("19811318-9876")] // month 13
    [InlineData("19810230-9876")] // 30 February
    [InlineData("1981121-9876")]
    [InlineData("19811218X9876")]
    public void Rejects_malformed_numbers(string input) =>
        PersonalIdentityNumber.TryParse(input, Today, out _, out _).ShouldBeFalse();

    [Fact]
    public void Accepts_coordination_number_with_day_plus_60()
    {
        var nine = "811278987"; // 18 + 60 = 78
        var number = $"19811278-987{PersonalIdentityNumber.CheckDigit(nine)}";
        PersonalIdentityNumber.TryParse(number, Today, out var pin, out var error).ShouldBeTrue(error);
        pin.IsCoordinationNumber.ShouldBeTrue();
        pin.BirthDate.ShouldBe(new DateOnly(1981, 12, 18));
    }

    [Fact]
    public void Ten_digits_with_plus_means_a_hundred_years_older()
    {
        var nine = "200101234";
        var number = $"200101+234{PersonalIdentityNumber.CheckDigit(nine)}";
        PersonalIdentityNumber.TryParse(number, Today, out var pin, out var error).ShouldBeTrue(error);
        pin.BirthDate.ShouldBe(new DateOnly(1920, 1, 1));
        pin.AgeAt(new DateOnly(2026, 1, 1)).ShouldBe(106);
    }

    [Fact]
    public void Age_counts_completed_years()
    {
        PersonalIdentityNumber.TryParse("19811218-9876", Today, out var pin, out _).ShouldBeTrue();
        pin.AgeAt(new DateOnly(2025, 12, 17)).ShouldBe(43);
        pin.AgeAt(new DateOnly(2025, 12, 18)).ShouldBe(44);
    }

    [Fact]
    public void Never_shows_the_number_in_ToString()
    {
        PersonalIdentityNumber.TryParse("19811218-9876", Today, out var pin, out _).ShouldBeTrue();
        pin.ToString().ShouldNotContain("9876");
    }
}
