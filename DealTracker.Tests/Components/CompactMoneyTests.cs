using System.Globalization;
using CsCheck;
using DealTracker.Web.Components.Shared;

namespace DealTracker.Tests.Components;

/// <summary>Compact money ("3.6M") for the chart: short, close to the amount, in order, and in the right unit.</summary>
public sealed class CompactMoneyTests
{
    private static readonly Gen<decimal> Amounts = Gen.OneOf(
        Gen.Long[0, 999_999_999_999_999].Select(v => (decimal)v),
        Gen.Long[0, 99_999_999].Select(v => v / 100m),
        Gen.Int[0, 9_999].Select(v => (decimal)v));

    /// <summary>The amount a compact text stands for: "3.6M" is 3,600,000.</summary>
    private static decimal Meaning(string text)
    {
        var unit = text[^1] switch { 'k' => 1_000m, 'M' => 1_000_000m, 'B' => 1_000_000_000m, 'T' => 1_000_000_000_000m, _ => 1m };
        var number = unit == 1m ? text : text[..^1];
        return decimal.Parse(number, NumberStyles.Number, CultureInfo.InvariantCulture) * unit;
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(950, "950")]
    [InlineData(999.4, "999")]
    [InlineData(999.5, "1k")]
    [InlineData(1_000, "1k")]
    [InlineData(12_500, "12.5k")]
    [InlineData(327_680, "327.7k")]
    [InlineData(950_000, "950k")]
    [InlineData(999_950, "1M")]
    [InlineData(3_604_480, "3.6M")]
    [InlineData(1_250_000_000, "1.3B")]
    [InlineData(-3_604_480, "-3.6M")]
    public void Amounts_read_in_their_unit_with_at_most_one_decimal(double amount, string expected) =>
        Assert.Equal(expected, Money.Compact((decimal)amount));

    [Fact]
    public void The_currency_goes_first() => Assert.Equal("EUR 3.6M", Money.FormatCompact(3_604_480m, "EUR"));

    [Fact]
    public void A_compact_amount_is_within_5_percent_of_the_amount_and_never_longer_than_6_characters() =>
        Amounts.Sample(amount =>
        {
            var text = Money.Compact(amount);
            var meaning = Meaning(text);
            Assert.True(Math.Abs(meaning - amount) <= Math.Max(0.5m, amount * 0.05m), $"{amount} shown as {text}");
            Assert.True(text.Length <= 6, $"{amount} shown as {text}");
        });

    [Fact]
    public void A_larger_amount_never_reads_smaller() =>
        Gen.Select(Amounts, Amounts).Sample((a, b) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            Assert.True(Meaning(Money.Compact(low)) <= Meaning(Money.Compact(high)), $"{low} → {Money.Compact(low)}, {high} → {Money.Compact(high)}");
        });
}
