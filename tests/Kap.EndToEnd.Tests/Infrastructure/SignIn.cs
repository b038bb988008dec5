using System.Net;
using System.Text.RegularExpressions;

namespace Kap.EndToEnd.Tests.Infrastructure;

/// <summary>Signs in over HTTP the way a browser's form post does, keeping the cookies in the client.</summary>
public static partial class SignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in form has an antiforgery token");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/account/login", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"(?: type=\"hidden\")? value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
