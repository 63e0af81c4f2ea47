package console

import (
	"bufio"
	"errors"
	"io"
)

// maxLineBytes is the most of one input line that is kept. It is far above
// what the core reads (bot.MaxInputRunes), so a cut line is still refused
// as too long rather than answered half-read.
const maxLineBytes = 64 << 10

// line is one line of input, or the error that ended the input.
type line struct {
	text string
	err  error
}

// readLines sends each line of r to out and closes out at the end of
// input. Lines longer than maxLineBytes are cut, never split in two.
func readLines(r io.Reader, out chan<- line) {
	defer close(out)
	br := bufio.NewReaderSize(r, 4096)
	for {
		text, err := readLine(br)
		if text != "" || (err == nil) {
			out <- line{text: text}
		}
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			out <- line{err: err}
			return
		}
	}
}

// readLine reads up to the next newline, keeping at most maxLineBytes.
func readLine(br *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf) < maxLineBytes {
			room := maxLineBytes - len(buf)
			buf = append(buf, chunk[:min(len(chunk), room)]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(buf) > 0 && buf[len(buf)-1] == '\n' {
			buf = buf[:len(buf)-1]
		}
		return string(buf), err
	}
}
