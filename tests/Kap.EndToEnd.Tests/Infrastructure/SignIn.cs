using System.Net;
using System.Text.RegularExpressions;

namespace Kap.EndToEnd.Tests.Infrastructure;

/// <summary>Posting Kap's statically rendered forms as a browser does: the form's antiforgery token and its handler name.</summary>
public static partial class SignIn
{
    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>GETs <paramref name="path"/>, then posts its form <paramref name="handler"/> with <paramref name="fields"/> and the page's token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, path) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of the first form on the page at <paramref name="path"/>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{path} has a form with an antiforgery token");
        return WebUtility.HtmlDecode(token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"(?: type=\"hidden\")? value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
