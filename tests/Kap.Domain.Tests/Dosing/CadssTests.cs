using Kap.Domain.Dosing;

namespace Kap.Domain.Tests.Dosing;

public sealed class CadssTests
{
    [Fact]
    public void The_short_form_rates_items_1_2_6_7_15_and_22()
    {
        Assert.Equal([1, 2, 6, 7, 15, 22], Cadss.Items(CadssForm.Short));
        Assert.Equal(24, Cadss.MaxTotal(CadssForm.Short));
        Assert.Equal(23, Cadss.Items(CadssForm.Full).Count);
        Assert.Equal(92, Cadss.MaxTotal(CadssForm.Full));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    [InlineData(92, true)]
    public void A_total_above_4_is_significant(int total, bool significant) => Assert.Equal(significant, Cadss.IsSignificant(total));

    [Fact]
    public void Every_item_must_be_answered_0_to_4_in_the_forms_length()
    {
        Assert.True(Cadss.Check(CadssForm.Short, [0, 4, 0, 0, 0, 0]).IsSuccess);
        Assert.Equal(["Item 2 is not answered.", "Item 22 must be scored 0–4."], Cadss.Check(CadssForm.Short, [0, null, 0, 0, 0, 5]).Problems);
        Assert.Equal("The full CADSS has 23 items; 6 were given.", Assert.Single(Cadss.Check(CadssForm.Full, [0, 0, 0, 0, 0, 0]).Problems));
        Assert.False(Cadss.Check((CadssForm)9, [0]).IsSuccess);
        Assert.False(Cadss.Check(CadssForm.Short, null).IsSuccess);
    }

    [Fact]
    public void The_total_is_the_sum_of_the_items() => Assert.Equal(92, Cadss.Total(Enumerable.Repeat(4, 23).ToArray()));
}
