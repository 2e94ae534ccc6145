# thads — build, run and test. The two commands users need:
#   make run    install what is missing, build, create a demo database, serve on :8080
#   make test   install what is missing (PostgreSQL included), build with sanitizers,
#               run every test, print "N passed, N failed"
# Everything else here is for developers: build, check-layers, lint, format, bench.

BUILD ?= rel
OUT   ?= build/$(BUILD)
GEN   := $(OUT)/gen

PKGS := libmicrohttpd jansson sqlite3 libpq libsodium libcurl xlsxwriter libutf8proc zlib
# Deferred (=): pkg-config must run after scripts/deps.sh has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# libcsv (RFC 4180 CSV for the importers) ships no pkg-config file.
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcsv -lm -lpthread
CMOCKA     = $(shell pkg-config --cflags --libs cmocka)
# Test binaries route the allocations of every statically linked object through
# tests/support/faultalloc.c, which can make the n-th fail (out-of-memory tests).
TEST_LDFLAGS := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
# The ThreadSanitizer build's tests: those that run threads (make BUILD=tsan test-tsan).
TSAN_TESTS := http/test_server http/test_session jobs/test_deadline_job cli/test_cli_import_cases \
              store/test_writers

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
        -Wformat=2 -Wno-format-nonliteral -Wno-missing-field-initializers
ifeq ($(BUILD),asan)
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -Werror
else ifeq ($(BUILD),tsan)
OPT := -O1 -g -fsanitize=thread -fno-omit-frame-pointer -Werror
else
OPT := -O2 -g
endif
CFLAGS   ?=
CPPFLAGS := -std=c17 -D_GNU_SOURCE -Isrc -MMD -MP
ALL_CFLAGS = $(CPPFLAGS) $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS)

LIB_SRC := $(wildcard src/core/*.c src/store/*.c src/ops/*.c src/http/*.c src/api/*.c src/jobs/*.c) src/embed.c
CLI_SRC := $(wildcard src/cli/*.c)
GEN_SRC := $(GEN)/embed_migrations.c $(GEN)/embed_web.c $(GEN)/embed_data.c
LIB_OBJ := $(LIB_SRC:%.c=$(OUT)/%.o) $(GEN_SRC:%.c=%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(OUT)/%.o)

TEST_SUPPORT := $(wildcard tests/support/*.c)
TEST_SRC := $(wildcard tests/*/test_*.c)
TEST_BIN := $(patsubst tests/%.c,$(OUT)/tests/%,$(TEST_SRC))
BENCH_SRC := $(wildcard bench/bench_*.c)
BENCH_BIN := $(patsubst bench/%.c,$(OUT)/bench/%,$(BENCH_SRC))

MIGRATIONS := $(sort $(wildcard migrations/*.sql))
WEB_FILES  := $(shell find web -type f 2>/dev/null | sort)
DATA_FILES := $(sort $(wildcard data/*.csv data/*.txt))

# V=1 shows full command lines.
V ?= 0
ifeq ($(V),0)
Q = @
say = @printf '  %-6s %s\n' $(1) $(2);
else
Q =
say =
endif

.PHONY: all run test test-build test-tsan check-layers lint format bench clean deps
.DEFAULT_GOAL := all

all: $(OUT)/thads

run:
	@scripts/deps.sh run
	@$(MAKE) --no-print-directory BUILD=rel all
	@scripts/run.sh build/rel/thads

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory BUILD=asan test-build
	@scripts/test.sh build/asan

test-build: $(OUT)/thads $(TEST_BIN)

# The threaded tests under ThreadSanitizer, built into build/tsan (or OUT= with BUILD=tsan);
# reports inside uninstrumented libraries are suppressed by tests/tsan.supp, each with its
# reason (scripts/test.sh sets TSAN_OPTIONS).
TSAN_OUT = $(if $(filter tsan,$(BUILD)),$(OUT),build/tsan)
test-tsan:
	@$(MAKE) --no-print-directory BUILD=tsan OUT=$(TSAN_OUT) $(TSAN_OUT)/thads \
		$(TSAN_TESTS:%=$(TSAN_OUT)/tests/%)
	@scripts/test.sh $(TSAN_OUT) $(TSAN_TESTS)

bench:
	@scripts/deps.sh run
	@$(MAKE) --no-print-directory BUILD=rel all $(patsubst build/asan/%,build/rel/%,$(BENCH_BIN))
	@scripts/bench.sh build/rel

check-layers:
	@scripts/check-layers.sh

lint:
	@scripts/lint.sh

format:
	clang-format -i $$(find src tests bench tools -name '*.[ch]')

clean:
	rm -rf build

$(OUT)/thads: $(CLI_OBJ) $(OUT)/libthads.a
	$(call say,LINK,$@)$(CC) $(OPT) -o $@ $(CLI_OBJ) $(OUT)/libthads.a $(PKG_LIBS)

$(OUT)/libthads.a: $(LIB_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(OUT)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(GEN)/%.o: $(GEN)/%.c
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(OPT) -c -o $@ $<

$(OUT)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) -std=c17 -O1 -o $@ $<

$(GEN)/embed_migrations.c: $(OUT)/tools/embed $(MIGRATIONS)
	@mkdir -p $(dir $@)
	$(call say,EMBED,$@)$(OUT)/tools/embed embedded_migrations migrations/ $(MIGRATIONS) > $@.tmp && mv $@.tmp $@
# The web UI's libraries (vendor/package.json: Preact, htm, Apache ECharts) come from npm,
# pinned by vendor/package-lock.json; their ES module builds are staged with web/ into
# $(GEN)/web and embedded as /vendor/*.js (docs/internals/web.md). Nothing is fetched at
# run time. hooks.mjs imports the bare name "preact", which a browser cannot resolve
# without an import map (an inline script the CSP forbids): it is pointed at the file.
VENDOR_STAMP := vendor/node_modules/.package-lock.json
VENDOR_NM    := vendor/node_modules
$(VENDOR_STAMP): vendor/package.json vendor/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is needed for the web UI's libraries (scripts/deps.sh installs it)" >&2; exit 1; }
	$(call say,NPM,vendor)cd vendor && npm ci --no-audit --no-fund --silent
	@touch $@
$(GEN)/web.stamp: $(WEB_FILES) $(VENDOR_STAMP) vendor/LICENSES.txt
	@rm -rf $(GEN)/web && mkdir -p $(GEN)/web/vendor
	$(call say,STAGE,$(GEN)/web)cp -R web/. $(GEN)/web/ && \
	cp $(VENDOR_NM)/preact/dist/preact.mjs $(GEN)/web/vendor/preact.js && \
	sed 's/from"preact"/from"\.\/preact.js"/' $(VENDOR_NM)/preact/hooks/dist/hooks.mjs > $(GEN)/web/vendor/preact-hooks.js && \
	cp $(VENDOR_NM)/htm/dist/htm.mjs $(GEN)/web/vendor/htm.js && \
	cp $(VENDOR_NM)/echarts/dist/echarts.esm.min.js $(GEN)/web/vendor/echarts.js && \
	cp vendor/LICENSES.txt $(GEN)/web/vendor/LICENSES.txt
	@! grep -q 'from"preact"' $(GEN)/web/vendor/preact-hooks.js || { echo "make: preact/hooks still imports \"preact\"" >&2; exit 1; }
	@touch $@
$(GEN)/embed_web.c: $(OUT)/tools/embed $(GEN)/web.stamp
	@mkdir -p $(dir $@)
	$(call say,EMBED,$@)$(OUT)/tools/embed embedded_web $(GEN)/web/ $$(find $(GEN)/web -type f | sort) > $@.tmp && mv $@.tmp $@
$(GEN)/embed_data.c: $(OUT)/tools/embed $(DATA_FILES)
	@mkdir -p $(dir $@)
	$(call say,EMBED,$@)$(OUT)/tools/embed embedded_data data/ $(DATA_FILES) > $@.tmp && mv $@.tmp $@

$(OUT)/tests/%: tests/%.c $(TEST_SUPPORT) $(OUT)/libthads.a
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)$(CC) $(ALL_CFLAGS) $(TEST_LDFLAGS) -Itests/support -o $@ $< $(TEST_SUPPORT) $(OUT)/libthads.a $(PKG_LIBS) $(CMOCKA)

$(OUT)/bench/%: bench/%.c bench/common.c bench/common.h $(OUT)/libthads.a
	@mkdir -p $(dir $@)
	$(call say,BENCH,$@)$(CC) $(ALL_CFLAGS) -o $@ $< bench/common.c $(OUT)/libthads.a $(PKG_LIBS)

-include $(shell find build -name '*.d' 2>/dev/null)
