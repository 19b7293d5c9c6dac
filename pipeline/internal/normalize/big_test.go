package normalize
import ("testing";"time";"strings")
func TestBig(t *testing.T) {
  for _, md := range []bool{false, true} {
    s := turkishText(50 << 20)
    st := time.Now(); out, _ := Normalize("b", s, md); t.Log("md", md, len(s), len(out), time.Since(st))
    one := strings.ReplaceAll(s, "\r\n", " ")
    st = time.Now(); Normalize("b", one, md); t.Log("one line", md, time.Since(st))
  }
}
