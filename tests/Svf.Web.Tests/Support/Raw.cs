using System.Net.Sockets;
using System.Text;

namespace Svf.Web.Tests.Support;

/// <summary>A hand-written HTTP/1.1 request over a socket: for requests HttpClient will not send (a declared 2 GB body never sent).</summary>
internal static class Raw
{
    public static async Task<(string Status, string Body)> SendAsync(Uri baseUrl, string requestHead)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requestHead));
        await stream.FlushAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var all = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                all.Write(buffer, 0, n);
                var text = Encoding.UTF8.GetString(all.ToArray());
                if (text.Contains("</html>", StringComparison.Ordinal) || (text.Contains("\r\n\r\n{", StringComparison.Ordinal) && text.TrimEnd().EndsWith('}')))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server may close the connection after answering: what was read is the answer.
        }
        var response = Encoding.UTF8.GetString(all.ToArray());
        var firstLine = response.Split("\r\n")[0];
        return (firstLine, response);
    }
}
