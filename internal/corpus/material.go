package corpus

// This file holds the built-in Turkish vocabulary the generator mixes into the
// sentences of the seeds: topics, names, institutions with their acronyms,
// numbers, dates and the suffixes that agree with how each is read aloud.

// builtinSentences is sentence material used alongside the seeds' own, so a
// corpus has variety even when the seeds folder holds a single paragraph.
var builtinSentences = []string{
	"Türkçe, eklemeli bir dil olduğu için tek bir kelime kökünden onlarca yeni kelime türetilebilir",
	"Dijital arşivlerin uzun ömürlü olması için açık ve belgelenmiş biçimler seçilmelidir",
	"Kütüphanelerdeki eski basılı eserlerin taranması, araştırmacıların işini büyük ölçüde kolaylaştırmıştır",
	"Yazım kurallarına uyulması, metnin okunabilirliğini ve güvenilirliğini artırır",
	"Günümüzde pek çok yayınevi kitaplarını hem basılı hem de elektronik olarak yayımlamaktadır",
	"Çeviri çalışmalarında terimlerin tutarlı kullanılması okurun metni izlemesini kolaylaştırır",
	"Öğrencilerin ana dillerinde nitelikli içeriğe ulaşabilmesi eğitimde fırsat eşitliğinin bir parçasıdır",
	"Yerel yönetimler, kent arşivlerini sayısallaştırmak için üniversitelerle iş birliği yapmaktadır",
	"Dil teknolojileri, büyük ve temiz derlemler olmadan sağlıklı biçimde geliştirilemez",
	"Şiir kitaplarının dizgisinde satır sonları ve boşluklar özenle korunmalıdır",
	"İstanbul’un fethinden sonra şehir, yüzyıllar boyunca bilim ve sanatın merkezlerinden biri olmuştur",
	"Ağaçların gölgesinde dinlenen yolcular, ırmağın serin suyuyla yüzlerini yıkadılar",
	"Çağdaş romanlarda gündelik konuşma dilinin izlerini sürmek mümkündür",
	"Öğretmenler, okuma alışkanlığının küçük yaşta kazanıldığını sıklıkla vurgular",
	"Işığın ve gölgenin ustaca kullanıldığı fotoğraflar sergide büyük ilgi gördü",
	"Gazetelerin eski sayıları, dönemin toplumsal yaşamına ilişkin değerli ipuçları verir",
	"İklim değişikliği, tarımsal üretimi ve su kaynaklarını doğrudan etkilemektedir",
	"Bilimsel yayınların açık erişimle paylaşılması, bilginin daha geniş kitlelere ulaşmasını sağlar",
	"Müzelerin sanal sergileri, salgın döneminde milyonlarca ziyaretçiye ulaştı",
	"Güçlü bir veri altyapısı, kamu hizmetlerinin daha hızlı ve şeffaf sunulmasına katkıda bulunur",
	"Sözlüklerin çevrim içi sürümleri, sürekli güncellenebildikleri için basılı sürümlerin önüne geçmiştir",
	"Üniversite kütüphaneleri, tez ve makalelerin tam metinlerini kurumsal arşivlerde saklamaktadır",
	"Çocuk edebiyatı, dilin zenginliğini yeni kuşaklara aktarmanın en etkili yollarından biridir",
	"Özgün içerik üretmek, hazır metinleri kopyalamaktan çok daha fazla emek ister",
}

// topics name what a document is about; headings are built from them.
var topics = []string{
	"Siber Güvenlik", "Dijital Diplomasi", "Yapay Zekâ", "Veri Gizliliği", "Açık Erişim",
	"Türkçenin Yazımı", "Kültürel Miras", "Dijital Arşivler", "Eğitim Teknolojileri",
	"Uluslararası Hukuk", "İnternet Yönetimi", "Kent Tarihi", "Çeviri Kuramı", "İklim Politikaları",
	"Sağlık Bilişimi", "Elektronik Yayıncılık", "Dil Teknolojileri", "Bilgi Toplumu",
	"Osmanlı Tarihi", "Çağdaş Edebiyat", "Güvenli Yazılım", "Ağ Altyapısı", "Bulut Bilişim",
	"Sayısal Kütüphaneler", "Öğretmen Eğitimi", "Işık ve Gölge", "Ölçme ve Değerlendirme",
}

// headingForms turn a topic into a heading; %s is the topic.
var headingForms = []string{
	"%s Üzerine", "%s ve Toplum", "%s: Bir Giriş", "%s Neden Önemli?", "Türkiye’de %s",
	"%s Alanında Son Gelişmeler", "%s İçin Öneriler", "%s ve Gelecek",
}

// subheadings are the section headings inside a document.
var subheadings = []string{
	"Tarihçe", "Temel Kavramlar", "Sorunlar ve Çözümler", "Uygulamalar", "Değerlendirme",
	"Sonuç", "Öneriler", "Örnek Olaylar", "Yöntem", "Bulgular", "Tartışma", "Kaynaklar Üzerine",
	"Güncel Durum", "Öğrenilen Dersler", "İleriye Bakış",
}

// people are the names that stand after a title (Dr., Prof.); gen is the
// genitive suffix that agrees with the surname.
var people = []struct{ name, gen string }{
	{"Ayşe Yılmaz", "’ın"}, {"Mehmet Öztürk", "’ün"}, {"Zeynep Kaya", "’nın"},
	{"Ahmet Çelik", "’in"}, {"Elif Şahin", "’in"}, {"Mustafa Doğan", "’ın"},
	{"Fatma Aydın", "’ın"}, {"İsmail Güneş", "’in"}, {"Selin Ünal", "’ın"},
	{"Okan Işık", "’ın"}, {"Gülşen Erdoğan", "’ın"}, {"Hüseyin Koç", "’un"},
}

// titles stand before a person's name.
var titles = []string{"Dr.", "Prof. Dr.", "Doç. Dr.", "Av.", "Öğr. Gör."}

// institution is an acronym with its Turkish (and maybe English) long form
// and the suffixes that agree with how the acronym is read.
type institution struct {
	acronym, tr, en string
	gen, loc, dat   string // genitive, locative, dative: "’nin", "’de", "’ye"
}

var institutions = []institution{
	{"TDK", "Türk Dil Kurumu", "", "’nin", "’de", "’ye"},
	{"TÜİK", "Türkiye İstatistik Kurumu", "", "’in", "’te", "’e"},
	{"TBMM", "Türkiye Büyük Millet Meclisi", "", "’nin", "’de", "’ye"},
	{"TÜBİTAK", "Türkiye Bilimsel ve Teknolojik Araştırma Kurumu", "", "’ın", "’ta", "’a"},
	{"ODTÜ", "Orta Doğu Teknik Üniversitesi", "", "’nün", "’de", "’ye"},
	{"BTK", "Bilgi Teknolojileri ve İletişim Kurumu", "", "’nın", "’da", "’ya"},
	{"USOM", "Ulusal Siber Olaylara Müdahale Merkezi", "", "’un", "’da", "’a"},
	{"YÖK", "Yükseköğretim Kurulu", "", "’ün", "’te", "’e"},
	{"WHO", "Dünya Sağlık Örgütü", "World Health Organization", "’nun", "’da", "’ya"},
	{"ICANN", "İnternet Tahsisli Sayılar ve İsimler Kurumu", "Internet Corporation for Assigned Names and Numbers", "’ın", "’da", "’a"},
	{"IETF", "İnternet Mühendisliği Görev Grubu", "Internet Engineering Task Force", "’nin", "’de", "’ye"},
	{"UNESCO", "Birleşmiş Milletler Eğitim, Bilim ve Kültür Örgütü", "United Nations Educational, Scientific and Cultural Organization", "’nun", "’da", "’ya"},
	{"NATO", "Kuzey Atlantik Antlaşması Örgütü", "North Atlantic Treaty Organization", "’nun", "’da", "’ya"},
	{"ITU", "Uluslararası Telekomünikasyon Birliği", "International Telecommunication Union", "’nun", "’da", "’ya"},
	{"W3C", "Dünya Çapında Ağ Birliği", "World Wide Web Consortium", "’nin", "’de", "’ye"},
	{"OECD", "Ekonomik Kalkınma ve İş Birliği Örgütü", "Organisation for Economic Co-operation and Development", "’nin", "’de", "’ye"},
}

// years carry their locative suffix (1453’te, 1996’da).
var years = []struct{ year, loc string }{
	{"1453", "’te"}, {"1923", "’te"}, {"1928", "’de"}, {"1945", "’te"}, {"1969", "’da"},
	{"1983", "’te"}, {"1996", "’da"}, {"2001", "’de"}, {"2010", "’da"}, {"2016", "’da"},
	{"2020", "’de"}, {"2023", "’te"},
}

// dates are written day.month.year, the Turkish way.
var dates = []string{
	"29.5.1453", "29.10.1923", "1.11.1928", "23.4.1920", "19.5.1919", "10.11.1938",
	"15.7.2016", "1.1.2000", "30.8.1922", "12.9.1980", "3.3.1924", "26.9.1932",
}

// clockTimes carry their locative suffix (14.30’da, 09.15’te).
var clockTimes = []struct{ time, loc string }{
	{"14.30", "’da"}, {"09.15", "’te"}, {"10.00", "’da"}, {"17.45", "’te"},
	{"08.30", "’da"}, {"13.00", "’te"}, {"20.15", "’te"}, {"11.40", "’ta"},
}

// bigNumbers use the dot as the thousands separator.
var bigNumbers = []string{
	"16.551.000", "1.250.000", "85.372.377", "3.000", "45.000", "2.450.000", "780.043", "12.500",
}

// decimals use the comma as the decimal separator.
var decimals = []string{"3,5", "12,7", "0,25", "48,3", "99,9", "1,75", "7,2"}

// ordinalNouns follow an ordinal number ("19. yüzyıl").
var ordinalNouns = []string{"yüzyıl", "madde", "bölüm", "sınıf", "kongre", "sayı", "baskı"}

// emphasisWords are set in *emphasis* or **strong** inside list items.
var emphasisWords = []string{
	"güvenlik", "şeffaflık", "erişilebilirlik", "süreklilik", "katılım", "özgünlük",
	"doğruluk", "gizlilik", "dayanıklılık", "açıklık", "iş birliği", "çeşitlilik",
}

// listItems are the short phrases of bullet and ordered lists.
var listItems = []string{
	"Veri güvenliği ve gizlilik",
	"Açık standartların benimsenmesi",
	"Erişilebilir içerik üretimi",
	"Kurumlar arası iş birliği",
	"Uzun süreli dijital koruma",
	"Eğitim programlarının güncellenmesi",
	"Yerel dillerin desteklenmesi",
	"Şeffaf ve hesap verebilir yönetim",
	"Ölçülebilir hedeflerin belirlenmesi",
	"Çocukların çevrim içi güvenliği",
	"Kaynakların adil paylaşımı",
	"Araştırma verilerinin paylaşılması",
}

// quotes are the block quotations.
var quotes = []string{
	"Dil, bir milletin hafızasıdır.",
	"Hayatta en hakiki mürşit ilimdir.",
	"Bilgi paylaştıkça çoğalır.",
	"Okumak, insanın kendi içine yaptığı bir yolculuktur.",
	"Güvenlik bir ürün değil, bir süreçtir.",
	"Geçmişini bilmeyen, geleceğini kuramaz.",
}

// closingAbbrevs end a list of examples ("… vb.").
var closingAbbrevs = []string{"vb.", "vs.", "gibi"}
