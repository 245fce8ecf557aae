# jixiao — build, test, demo.
#   make          build build/jixiao (release)
#   make demo     install missing packages, build, extract the bundled corpus
#   make test     install missing packages, run every test under ASan/UBSan
#   make bench    speed measurements (release build)
VERSION   := 0.1.0
CC        ?= cc
PKGS      := glib-2.0 gmodule-no-export-2.0 libzip libxml-2.0 libpcre2-8 poppler-glib cairo sqlite3 json-glib-1.0 libjpeg libpq
OCR_PKGS  := glib-2.0 gmodule-no-export-2.0 tesseract lept
TEST_PKGS := cunit

WARN      := -std=c11 -Wall -Wextra -Wshadow -Werror
CPPFLAGS  += -I. -D_POSIX_C_SOURCE=200809L -DJX_VERSION='"$(VERSION)"' \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
OCR_CPPFLAGS := $(shell pkg-config --cflags $(OCR_PKGS) 2>/dev/null)
OCR_LDLIBS   := $(shell pkg-config --libs $(OCR_PKGS) 2>/dev/null)
# the OCR plugin (extract/ocr/ocr_engine.h): only its one table is exported
PLUGIN_FLAGS := -shared -fPIC -fvisibility=hidden
TEST_CPPFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LDLIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

REL_CFLAGS  := -O2 -g
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=undefined
# the test hooks (JIXIAO_TEST_FAULTS, JIXIAO_TEST_KILL_IN_PUT) exist only in
# the sanitizer build that `make test` runs, never in build/jixiao
TEST_HOOKS  := -DJX_TEST_HOOKS

LIB_SRC := common/error.c common/edits.c common/flags.c common/ruleset.c common/printed.c \
           extract/doc.c extract/extract.c extract/zip.c \
           extract/geom/ruling.c extract/geom/layout.c extract/geom/blocks.c \
           extract/pdf/pdf.c extract/pdf/crosspage.c extract/pdf/render.c \
           extract/ocr/ocr.c extract/ocr/deskew.c extract/ocr/orient.c extract/ocr/unwrap.c \
           extract/ocr/glyph.c extract/ocr/scan.c \
           extract/office/docx.c extract/office/xlsx.c extract/office/xls.c \
           extract/office/ole2.c extract/office/biff.c \
           extract/office/sheet.c extract/office/numfmt.c \
           extract/html/html.c extract/ofd/ofd.c extract/ofd/ofd_page.c extract/ofd/ofd_path.c extract/ofd/ofd_image.c \
           normalize/text.c normalize/value.c normalize/units.c normalize/grid.c normalize/ocr_cells.c normalize/prose.c \
           rules/record.c rules/form.c rules/form_grid.c rules/form_fields.c \
           rules/form_funds.c rules/form_indicators.c rules/form_totals.c rules/check.c \
           rules/facts.c rules/fact_check.c \
           sink/json.c sink/jsonl.c sink/columns.c sink/sqlite.c sink/pg.c sink/csv.c sink/handover.c sink/tables.c sink/review.c \
           pipeline/pipeline.c api/jixiao.c
# the OCR plugin, which judges glyph shapes too
PLUGIN_SRC := extract/ocr/ocr_tesseract.c extract/ocr/glyph.c
PLUGIN_HDR := extract/ocr/ocr_engine.h extract/ocr/ocr.h extract/ocr/glyph.h
CLI_SRC := cli/jixiao.c cli/inputs.c cli/pool.c cli/eval.c cli/review.c
TEST_SRC := $(sort $(wildcard tests/*.c))
RULES   := $(sort $(wildcard rules/*.rules))

obj = $(patsubst %.c,build/$(1)/%.o,$(2))

.PHONY: all deps demo test check clang-check bench clean install install-files uninstall libs
all: build/jixiao

# ---- generated: the rule files built into the binary ----
build/rules_builtin.c: $(RULES) scripts/embed-rules.sh
	@mkdir -p $(@D)
	scripts/embed-rules.sh $(RULES) > $@

# ---- release ----
build/release/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC      $<'
	@$(CC) $(WARN) $(REL_CFLAGS) $(CPPFLAGS) -MMD -MP -c $< -o $@
build/release/rules_builtin.o: build/rules_builtin.c
	$(CC) $(REL_CFLAGS) -c $< -o $@
build/jixiao: $(call obj,release,$(LIB_SRC) $(CLI_SRC)) build/release/rules_builtin.o build/jixiao-ocr.so
	$(CC) $(REL_CFLAGS) $(filter %.o,$^) $(LDLIBS) -o $@
build/jixiao-ocr.so: $(PLUGIN_SRC) $(PLUGIN_HDR)
	$(CC) $(WARN) $(REL_CFLAGS) $(PLUGIN_FLAGS) -I. $(OCR_CPPFLAGS) $(PLUGIN_SRC) $(OCR_LDLIBS) -o $@

# ---- libjixiao (api/jixiao.h): static, and shared with only the API exported ----
build/pic/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC pic  $<'
	@$(CC) $(WARN) $(REL_CFLAGS) -fPIC -fvisibility=hidden $(CPPFLAGS) -MMD -MP -c $< -o $@
build/pic/rules_builtin.o: build/rules_builtin.c
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@
build/libjixiao.a: $(call obj,release,$(LIB_SRC)) build/release/rules_builtin.o
	rm -f $@ && ar rcs $@ $^
build/libjixiao.so: $(call obj,pic,$(LIB_SRC)) build/pic/rules_builtin.o
	$(CC) $(REL_CFLAGS) -shared -Wl,-soname,libjixiao.so.0 $^ $(LDLIBS) -o $@
libs: build/libjixiao.a build/libjixiao.so

# ---- sanitizers: what `make test` runs ----
build/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC asan $<'
	@$(CC) $(WARN) $(ASAN_CFLAGS) $(TEST_HOOKS) $(CPPFLAGS) $(TEST_CPPFLAGS) -MMD -MP -c $< -o $@
build/asan/rules_builtin.o: build/rules_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -c $< -o $@
build/asan/jixiao: $(call obj,asan,$(LIB_SRC) $(CLI_SRC)) build/asan/rules_builtin.o build/asan/jixiao-ocr.so
	$(CC) $(ASAN_CFLAGS) $(filter %.o,$^) $(LDLIBS) -o $@
build/asan/test_jixiao: $(call obj,asan,$(LIB_SRC) cli/inputs.c cli/eval.c $(TEST_SRC)) build/asan/rules_builtin.o build/asan/jixiao-ocr.so
	$(CC) $(ASAN_CFLAGS) $(filter %.o,$^) $(LDLIBS) $(TEST_LDLIBS) -o $@
build/asan/jixiao-ocr.so: $(PLUGIN_SRC) $(PLUGIN_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(ASAN_CFLAGS) $(PLUGIN_FLAGS) -I. $(OCR_CPPFLAGS) $(PLUGIN_SRC) $(OCR_LDLIBS) -o $@

-include $(shell find build -name '*.d' 2>/dev/null)

# ---- the two commands of README.md ----
deps:
	@scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory build/jixiao
	@mkdir -p out
	build/jixiao extract --db out/jixiao.db corpus/ || test $$? -eq 1
	@scripts/summary.sh out/jixiao.db

test: deps
	@$(MAKE) --no-print-directory check clang-check

# every source compiles under clang too, warnings as errors (no objects kept)
clang-check: build/rules_builtin.c
	@for f in $(LIB_SRC) $(CLI_SRC) $(TEST_SRC); do \
	  clang $(WARN) -fsyntax-only $(CPPFLAGS) $(TEST_CPPFLAGS) -DJX_TEST_HOOKS $$f || exit 1; done
	@clang $(WARN) -fsyntax-only -I. $(OCR_CPPFLAGS) $(PLUGIN_SRC)
	@clang -fsyntax-only -Werror build/rules_builtin.c
	@echo "clang-check: $(words $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(PLUGIN_SRC)) files clean under clang"

# (the release plugin: the install test loads it from the release libjixiao.so)
# LeakSanitizer leaves out only fontconfig's first-use caches (fuzz/lsan.supp): a PDF
# whose font is not embedded makes poppler ask fontconfig for a substitute
check: build/asan/jixiao build/asan/test_jixiao libs build/jixiao-ocr.so
	JIXIAO_BIN=build/asan/jixiao ASAN_OPTIONS=detect_leaks=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1 build/asan/test_jixiao

# ---- install: make install PREFIX=/usr/local DESTDIR= ; make uninstall ----
#   bin/jixiao, lib/jixiao/jixiao-ocr.so (found from the binary's prefix),
#   share/jixiao/rules/, share/man/man1/jixiao.1, bash completion.
#   lib/libjixiao.{a,so}, include/jixiao.h, lib/pkgconfig/jixiao.pc.
#   install-files copies INSTALL_BIN and INSTALL_PLUGIN (and build/libjixiao.*)
#   without building them.
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_BIN ?= build/jixiao
INSTALL_PLUGIN ?= build/jixiao-ocr.so
INST := $(DESTDIR)$(PREFIX)
INSTALLED := bin/jixiao lib/jixiao/jixiao-ocr.so share/man/man1/jixiao.1 \
             share/bash-completion/completions/jixiao $(addprefix share/jixiao/,$(RULES)) \
             lib/libjixiao.a lib/libjixiao.so lib/libjixiao.so.0 lib/libjixiao.so.$(VERSION) \
             include/jixiao.h lib/pkgconfig/jixiao.pc

install: build/jixiao libs
	@$(MAKE) --no-print-directory install-files

install-files:
	install -d $(INST)/bin $(INST)/lib/jixiao $(INST)/share/jixiao/rules $(INST)/share/man/man1 \
	  $(INST)/share/bash-completion/completions $(INST)/include $(INST)/lib/pkgconfig
	install -m 644 build/libjixiao.a $(INST)/lib/libjixiao.a
	install -m 755 build/libjixiao.so $(INST)/lib/libjixiao.so.$(VERSION)
	ln -sf libjixiao.so.$(VERSION) $(INST)/lib/libjixiao.so.0
	ln -sf libjixiao.so.0 $(INST)/lib/libjixiao.so
	install -m 644 api/jixiao.h $(INST)/include/jixiao.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@PKGS@|$(PKGS)|' \
	  api/jixiao.pc.in > $(INST)/lib/pkgconfig/jixiao.pc
	install -m 755 $(INSTALL_BIN) $(INST)/bin/jixiao
	install -m 644 $(INSTALL_PLUGIN) $(INST)/lib/jixiao/jixiao-ocr.so
	install -m 644 $(RULES) $(INST)/share/jixiao/rules/
	install -m 644 docs/jixiao.1 $(INST)/share/man/man1/jixiao.1
	install -m 644 scripts/jixiao.bash-completion $(INST)/share/bash-completion/completions/jixiao

uninstall:
	rm -f $(addprefix $(INST)/,$(INSTALLED))
	-rmdir $(INST)/lib/jixiao $(INST)/lib/pkgconfig $(INST)/share/jixiao/rules $(INST)/share/jixiao 2>/dev/null

# ---- benchmarks (release build); see bench/ ----
build/bench_normalize: $(call obj,release,$(LIB_SRC) bench/bench_normalize.c) build/release/rules_builtin.o
	$(CC) $(REL_CFLAGS) $^ $(LDLIBS) -o $@

bench: deps
	@$(MAKE) --no-print-directory build/jixiao build/bench_normalize
	@build/bench_normalize tests/normalize.cases
	@bench/bench_pdf.sh build/jixiao $(sort $(wildcard corpus/pdf*/*.pdf))
	@bench/bench_batch.sh build/jixiao corpus
	@if [ -n "$(ICDAR2013)" ]; then python3 bench/icdar2013.py --jixiao build/jixiao $(ICDAR2013); \
	 else echo "bench: ICDAR 2013 not scored (make bench ICDAR2013=DIR, README 'Measured quality')"; fi

# ---- fuzzing (clang libFuzzer): fuzz/, README "Fuzzing" ----
#   make fuzz        build build/fuzz/<target> and its seeds (build/fuzz/seeds/<target>/)
#   make fuzz-smoke  run each target FUZZ_SECONDS with its seeds and dictionary; fails on a finding
FUZZ_TARGETS := value text docx docxml pdf html rules pipeline xlsx xls ofd
FUZZ_SECONDS ?= 30
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=undefined
FUZZ_BINS    := $(addprefix build/fuzz/,$(FUZZ_TARGETS))
FUZZ_SMOKES  := $(addprefix fuzz-smoke-,$(FUZZ_TARGETS))
FUZZ_DICT_value    := fuzz/value.dict
FUZZ_DICT_text     := fuzz/value.dict
FUZZ_DICT_docx     := fuzz/docx.dict
FUZZ_DICT_docxml   := fuzz/docx.dict
FUZZ_DICT_pdf      := fuzz/pdf.dict
FUZZ_DICT_html     := fuzz/html.dict
FUZZ_DICT_rules    := fuzz/rules.dict
FUZZ_DICT_pipeline := build/fuzz/pipeline.dict
FUZZ_DICT_xlsx     := fuzz/xlsx.dict
FUZZ_DICT_ofd      := fuzz/ofd.dict
FUZZ_DICT_xls      := fuzz/xls.dict
.PHONY: fuzz fuzz-all fuzz-smoke $(FUZZ_SMOKES)

# the library compiled for libFuzzer (coverage and sanitizers; no OCR plugin)
build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC fuzz $<'
	@clang $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS) -MMD -MP -c $< -o $@
build/fuzz/obj/rules_builtin.o: build/rules_builtin.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_BINS): build/fuzz/%: build/fuzz/obj/fuzz/fuzz_%.o build/fuzz/obj/fuzz/entries.o \
                            $(call obj,fuzz/obj,$(LIB_SRC)) build/fuzz/obj/rules_builtin.o
	@echo "  LD fuzz $@"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ $(LDLIBS) -o $@
build/fuzz/seeds.stamp: fuzz/seeds.sh $(wildcard corpus/*/*.pdf corpus/*/*.docx corpus/*/*.html corpus/xlsx/*.xlsx corpus/*/*.xls corpus/*/*.ofd) \
                        tests/normalize.cases tests/text.cases $(RULES)
	fuzz/seeds.sh build/fuzz/seeds
	@touch $@
build/fuzz/pipeline.dict: fuzz/docx.dict fuzz/pdf.dict
	@mkdir -p $(@D)
	cat $^ > $@

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-all
fuzz-all: $(FUZZ_BINS) build/fuzz/seeds.stamp build/fuzz/pipeline.dict

# new inputs go to build/fuzz/corpus/<target>/, crashes to build/fuzz/findings/<target>/;
# the smoke's mutations start from a fixed seed (FUZZ_SEED), so CI replays what was run
# here before a stop; a long campaign (README) explores
FUZZ_SEED ?= 1
fuzz-smoke: fuzz
	@$(MAKE) --no-print-directory $(FUZZ_SMOKES)
$(FUZZ_SMOKES): fuzz-smoke-%: build/fuzz/% build/fuzz/seeds.stamp build/fuzz/pipeline.dict fuzz/lsan.supp
	@mkdir -p build/fuzz/corpus/$* build/fuzz/findings/$*
	@echo "  FUZZ    $* for $(FUZZ_SECONDS) s (log: build/fuzz/smoke-$*.log)"
	@LSAN_OPTIONS=suppressions=fuzz/lsan.supp nice build/fuzz/$* -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=60 \
	  -dict=$(FUZZ_DICT_$*) -artifact_prefix=build/fuzz/findings/$*/ -print_final_stats=1 \
	  build/fuzz/corpus/$* build/fuzz/seeds/$* 2>build/fuzz/smoke-$*.log || \
	  { tail -40 build/fuzz/smoke-$*.log; echo "fuzz-smoke: $* found a bug: build/fuzz/findings/$*/"; exit 1; }
	@grep -h '^#.*DONE' build/fuzz/smoke-$*.log | sed 's/^/  $* /'

# the regression inputs of tests/fuzz-regress/ run through the fuzz entries
build/asan/test_jixiao: build/asan/fuzz/entries.o

# the scanner simulator of scripts/make-corpus-pdf.sh (not part of jixiao)
build/scan-sim: scripts/scan-sim.c
	$(CC) $(WARN) $(REL_CFLAGS) $(CPPFLAGS) $(OCR_CPPFLAGS) $< $(LDLIBS) $(OCR_LDLIBS) -o $@

clean:
	rm -rf build out
