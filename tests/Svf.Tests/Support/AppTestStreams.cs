namespace Svf.Tests.Support;

/// <summary>
/// A request body as Kestrel gives it: not seekable, and synchronous reads are forbidden (they throw, as Kestrel's do
/// unless AllowSynchronousIO is set). Counts the bytes handed out per read to show the body is streamed in chunks.
/// </summary>
internal sealed class RequestBodyStream(byte[] content, CancellationTokenSource? cancelAfterFirstRead = null) : Stream
{
    private int _position;

    public int LargestRead { get; private set; }
    public int Reads { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous operations are disallowed. Call ReadAsync or set AllowSynchronousIO to true instead.");

    public override int Read(Span<byte> buffer) =>
        throw new InvalidOperationException("Synchronous operations are disallowed. Call ReadAsync or set AllowSynchronousIO to true instead.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        // Like a network stream: at most 8 KiB per read, whatever the buffer.
        var n = Math.Min(Math.Min(buffer.Length, 8192), content.Length - _position);
        content.AsSpan(_position, n).CopyTo(buffer.Span);
        _position += n;
        Reads++;
        LargestRead = Math.Max(LargestRead, n);
        cancelAfterFirstRead?.Cancel();
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
