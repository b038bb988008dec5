using Kap.Domain.Ledger;

namespace Kap.Domain.Tests.Ledger;

public sealed class DeaNumberTests
{
    [Theory]
    [InlineData("AB1234563")] // (1+3+5) + 2×(2+4+6) = 33 → 3
    [InlineData("BJ6125341")] // (6+2+3) + 2×(1+5+4) = 31 → 1
    [InlineData("FM0000000")] // 0 → 0
    [InlineData("RA9999991")] // 27 + 54 = 81 → 1
    [InlineData(" ab1234563 ")] // trimmed and upper-cased
    public void Valid_numbers_pass(string dea)
    {
        Assert.True(DeaNumber.IsValid(dea));
    }

    [Theory]
    [InlineData("AB1234564")] // wrong check digit
    [InlineData("AB1234536")] // transposed digits
    [InlineData("RA9999997")] // 81 → 1, not 7
    [InlineData("A11234563")] // second character not a letter
    [InlineData("AB123456")] // too short
    [InlineData("AB12345633")] // too long
    [InlineData("AB12345X3")] // letter among the digits
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_numbers_fail(string? dea)
    {
        Assert.False(DeaNumber.IsValid(dea));
        Assert.NotEmpty(DeaNumber.Check(dea).Problems);
    }

    [Fact]
    public void A_lot_with_a_bad_supplier_dea_number_is_not_received()
    {
        var outcome = StockLot.Receive(Substance.Esketamine, DosageForm.NasalSpray, 140m, 0.2m, 3, "ES-1", new DateOnly(2027, 1, 1),
            "Supplier", "Address", "AB1234564", LedgerFixture.ReceivedAt, Guid.NewGuid());

        Assert.False(outcome.IsSuccess);
        Assert.Null(outcome.Value);
        Assert.Contains(outcome.Problems, p => p.Contains("check digit"));
    }
}
